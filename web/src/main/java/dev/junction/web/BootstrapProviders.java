package dev.junction.web;

import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.http.UpstreamHttp;
import dev.junction.engine.provider.openai.OpenAiCompatibleProvider;
import dev.junction.engine.provider.openai.OpenAiConnection;
import dev.junction.engine.provider.simulator.SimulatorProvider;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider connections a gateway has before it reads any stored one: the simulator always; an OpenAI-compatible
 * connection named "openai" when one is configured in the environment, replaced by a stored connection of that name.
 */
final class BootstrapProviders {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapProviders.class);

    private BootstrapProviders() {}

    static List<ProviderAdapter> of(Settings settings, UpstreamHttp http) {
        List<ProviderAdapter> adapters = new ArrayList<>();
        adapters.add(new SimulatorProvider());
        if (settings.openAiApiKey() != null || settings.openAiBaseUrl() != null) {
            String baseUrl = settings.openAiBaseUrl() == null ? "https://api.openai.com/v1" : settings.openAiBaseUrl();
            OpenAiConnection openai = new OpenAiConnection("openai", baseUrl, settings.openAiApiKey(), "openai", null);
            adapters.add(new OpenAiCompatibleProvider(openai, http));
            LOG.info("provider connection 'openai' (from OPENAI_API_KEY / OPENAI_BASE_URL) -> {}", openai.baseUrl());
        }
        return adapters;
    }
}
