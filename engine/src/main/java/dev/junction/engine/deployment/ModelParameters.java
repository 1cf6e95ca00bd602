package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Sampling parameters of a model call. A null member means "the provider's default". */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelParameters(
        Double temperature,
        Integer maxTokens,
        Double topP,
        List<String> stop,
        Double presencePenalty,
        Double frequencyPenalty,
        Long seed) {

    public static final ModelParameters DEFAULTS = new ModelParameters(null, null, null, null, null, null, null);

    public ModelParameters {
        stop = stop == null ? null : List.copyOf(stop);
    }
}
