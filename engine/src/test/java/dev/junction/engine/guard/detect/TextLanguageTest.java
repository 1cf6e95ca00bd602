package dev.junction.engine.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextLanguageTest {
    private final TextLanguage language = TextLanguage.shared();

    @Test
    void paragraphs_in_common_languages_are_recognised() {
        assertThat(language.detect("The quarterly report shows that revenue grew faster than expected, mostly because "
                + "customers renewed their contracts earlier this year.")).contains("en");
        assertThat(language.detect("Der Quartalsbericht zeigt, dass der Umsatz schneller gewachsen ist als erwartet, "
                + "vor allem weil die Kunden ihre Verträge in diesem Jahr früher verlängert haben.")).contains("de");
        assertThat(language.detect("Le rapport trimestriel montre que le chiffre d'affaires a progressé plus vite que "
                + "prévu, surtout parce que les clients ont renouvelé leurs contrats plus tôt cette année.")).contains("fr");
        assertThat(language.detect("El informe trimestral muestra que los ingresos crecieron más rápido de lo esperado, "
                + "sobre todo porque los clientes renovaron sus contratos antes este año.")).contains("es");
    }

    @Test
    void a_long_text_is_judged_by_its_first_500_characters_cut_at_a_space() {
        String german = "Der Bericht zeigt, dass der Umsatz schneller gewachsen ist als erwartet. ".repeat(8);
        String english = " The report shows that revenue grew faster than expected.".repeat(40);
        assertThat(language.detect(german + english)).contains("de");
        String sample = TextLanguage.sample(german + english);
        assertThat(sample).hasSizeBetween(TextLanguage.SAMPLE, TextLanguage.SAMPLE + 40).doesNotEndWith(" ");
        assertThat(german + english).startsWith(sample);
        assertThat(Character.isWhitespace((german + english).charAt(sample.length()))).isTrue();
        assertThat(TextLanguage.sample("short")).isEqualTo("short");
    }

    @Test
    void short_texts_are_unsure() {
        assertThat(language.detect("ok")).isEmpty();
        assertThat(language.detect("12345 67890 !!! 😀")).isEmpty();
        assertThat(language.detect("")).isEmpty();
    }

    @Test
    void known_codes_are_those_of_the_candidate_set() {
        assertThat(TextLanguage.known("en")).isTrue();
        assertThat(TextLanguage.known("nb")).isTrue();
        assertThat(TextLanguage.known("zh")).isTrue();
        assertThat(TextLanguage.known("EN")).isFalse();
        assertThat(TextLanguage.known("xx")).isFalse();
        assertThat(TextLanguage.known("la")).isFalse();
        assertThat(TextLanguage.known(null)).isFalse();
    }
}
