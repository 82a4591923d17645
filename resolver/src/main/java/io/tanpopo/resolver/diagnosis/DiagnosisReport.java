package io.tanpopo.resolver.diagnosis;

import io.tanpopo.resolver.AddressText;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of diagnosing one address: every strategy's answer in order, and warnings.
 *
 * @param address  the address diagnosed (unmapped)
 * @param steps    one step per strategy, in configured order
 * @param warnings human-readable findings, e.g. a private zone leaking to AS112
 */
public record DiagnosisReport(InetAddress address, List<DiagnosisStep> steps, List<String> warnings) {

    /** Copies the lists. */
    public DiagnosisReport {
        steps = List.copyOf(steps);
        warnings = List.copyOf(warnings);
    }

    /** Whether any step came from AS112. */
    public boolean as112Leak() {
        return steps.stream().anyMatch(DiagnosisStep::as112Leak);
    }

    /** A multi-line text rendering for the {@code doctor} command. */
    public String render() {
        String header = "reverse lookup of " + AddressText.of(address) + "\n";
        String body = steps.stream().map(DiagnosisStep::render).collect(Collectors.joining("\n"));
        String tail = warnings.stream().map(w -> "\nwarning: " + w).collect(Collectors.joining());
        return header + (steps.isEmpty() ? "  (resolution disabled)" : body) + tail + "\n";
    }
}
