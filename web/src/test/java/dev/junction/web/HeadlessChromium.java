package dev.junction.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both given by path, so Selenium Manager never
 * runs and nothing is downloaded. {@code JUNCTION_CHROMIUM} / {@code JUNCTION_CHROMEDRIVER} override the paths.
 * {@code .ci/run} (through {@code ./junction test}) installs the packages when they are missing.
 */
final class HeadlessChromium {
    static final Path BROWSER = Path.of(env("JUNCTION_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(env("JUNCTION_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private HeadlessChromium() {}

    static boolean available() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    static ChromeDriver start(Path profile) {
        // Both paths are explicit: Selenium's DriverFinder then has nothing to look up and never calls Selenium Manager.
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--window-size=1440,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /**
     * Saves a PNG of the whole page (the window grown to the page's height, at most 2400 px, then restored) as
     * NAME.png in {@link #screenshotDir()}.
     */
    static void screenshot(ChromeDriver driver, String name) {
        Path dir = screenshotDir();
        org.openqa.selenium.Dimension size = driver.manage().window().getSize();
        try {
            Files.createDirectories(dir);
            Number height = (Number) driver.executeScript(
                    "const dialog = document.querySelector('dialog[open]');"
                            + "return dialog ? 0 : Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);");
            int target = Math.min(2400, height.intValue() + (size.getHeight() - ((Number) driver.executeScript("return window.innerHeight")).intValue()));
            if (target > size.getHeight()) driver.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), target));
            File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            driver.manage().window().setSize(size);
            Files.copy(png.toPath(), dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * web/target/panel-screenshots on every run; docs/panel (the README's pictures, committed) when
     * {@code JUNCTION_UPDATE_SCREENSHOTS=1} or {@code -Djunction.updateScreenshots=true}, so a test run leaves the
     * work tree clean unless asked.
     */
    static Path screenshotDir() {
        boolean update = "1".equals(System.getenv("JUNCTION_UPDATE_SCREENSHOTS")) || Boolean.getBoolean("junction.updateScreenshots");
        Path root = repositoryRoot();
        return update ? root.resolve("docs").resolve("panel") : root.resolve("web").resolve("target").resolve("panel-screenshots");
    }

    private static Path repositoryRoot() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("web"))) return p;
        }
        return here;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
