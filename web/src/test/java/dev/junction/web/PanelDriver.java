package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The panel's pages as a person sees them, for browser tests: find a control by its label, button text or heading
 * (inside the open dialog when there is one), type, wait for text, switch a deployment's tab, save a screenshot.
 * Every find waits (for {@link #wait}) rather than sleeps.
 */
final class PanelDriver implements AutoCloseable {
    final ChromeDriver driver;
    final WebDriverWait wait;

    private PanelDriver(ChromeDriver driver, WebDriverWait wait) {
        this.driver = driver;
        this.wait = wait;
    }

    /** Starts Debian's headless Chromium with a fresh profile; a missing browser is a failure, never a silent skip. */
    static PanelDriver start() throws IOException {
        if (!HeadlessChromium.available()) { // ./junction test (and so .ci/run) installs it
            throw new IllegalStateException("Debian's chromium and chromium-driver are not installed: run the suite with"
                    + " ./junction test, which installs them with apt-get");
        }
        ChromeDriver driver = HeadlessChromium.start(Files.createTempDirectory("junction-chromium"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class); // pages repaint while a condition is polled
        return new PanelDriver(driver, wait);
    }

    /** Opens the panel of the gateway at {@code base} and signs in with an admin token. */
    void signIn(String base, String adminToken) {
        driver.get(base + "/panel/");
        tokenField().sendKeys(adminToken, Keys.ENTER);
        waitHeading("Deployments");
    }

    /** On the sign-in page: switches to the admin token way in and gives its field. */
    WebElement tokenField() {
        wait.until(ExpectedConditions.urlContains("#/login"));
        button("Use an admin token").click();
        return byLabel("Admin token");
    }

    /** Opens the panel of the gateway at {@code base} and signs in as a person. */
    void signInAs(String base, String email, String password) {
        driver.get(base + "/panel/");
        wait.until(ExpectedConditions.urlContains("#/login"));
        byLabel("Email").sendKeys(email);
        byLabel("Password").sendKeys(password, Keys.ENTER);
        waitHeading("Deployments");
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** The value of the analytics totals card with this title. */
    void waitStat(String title, String value) {
        wait.withMessage(() -> "the " + title + " card should say " + value + ", main has: " + driver.findElement(By.tagName("main")).getText())
                .until(d -> stat(title).equals(value));
    }

    String stat(String title) {
        List<WebElement> values = driver.findElements(By.xpath("//div[contains(@class,'stat')][h2='" + title + "']/p[@class='value']"));
        return values.isEmpty() ? "" : values.getFirst().getText();
    }

    void tab(String name) {
        driver.findElement(By.xpath("//nav[@aria-label='Deployment sections']/a[.='" + name + "']")).click();
        wait.until(d -> d.findElement(By.xpath("//nav[@aria-label='Deployment sections']/a[.='" + name + "']"))
                .getDomAttribute("aria-current") != null);
    }

    WebElement el(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    String text(String css) {
        return el(css).getText();
    }

    void waitText(String css, String part) {
        wait.withMessage(() -> css + " should contain '" + part + "', has: "
                        + driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList())
                .until(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(part)));
    }

    void waitHeading(String heading) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), heading));
    }

    /** The enabled button with this text; inside the open dialog when there is one. */
    WebElement button(String label) {
        return wait.withMessage(() -> "a button '" + label + "'").until(d -> (WebElement) driver.executeScript(
                "const root = document.querySelector('dialog[open]') || document;"
                        + "return [...root.querySelectorAll('button')].reverse().find(b => b.textContent.trim() === arguments[0]"
                        + "  && !b.disabled && b.offsetParent !== null) || null;", label));
    }

    WebElement aria(String label) {
        return el("[aria-label='" + label + "']");
    }

    /** The control a label names (through its for attribute); inside the open dialog when there is one. */
    WebElement byLabel(String label) {
        return wait.withMessage(() -> "a control labelled '" + label + "'").until(d -> (WebElement) driver.executeScript(
                "const root = document.querySelector('dialog[open]') || document;"
                        + "const l = [...root.querySelectorAll('label')].find(l => l.textContent.trim().replace(/\\s+/g, ' ') === arguments[0]"
                        + "  && l.offsetParent !== null);"
                        + "return l ? document.getElementById(l.htmlFor) : null;", label));
    }

    WebElement within(String scopeCss, String label) {
        WebElement scope = el(scopeCss);
        List<WebElement> labels = scope.findElements(By.xpath(".//label[normalize-space()='" + label + "']"));
        assertThat(labels).as(label + " in " + scopeCss).isNotEmpty();
        return driver.findElement(By.id(labels.getFirst().getDomAttribute("for")));
    }

    void type(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    void escape() {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(Keys.ESCAPE).perform();
        wait.until(d -> d.findElements(By.cssSelector("dialog")).isEmpty());
    }

    void screenshot(String name) {
        HeadlessChromium.screenshot(driver, name);
    }
}
