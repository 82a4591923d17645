package io.tanpopo.store.maildir;

import java.util.List;

/**
 * One piece of a {@link UidlFormat}: literal text, or a variable with its modifiers, offset,
 * width and zero padding, rendered in the order of Dovecot's {@code var_expand}.
 *
 * @param literal the text, or null for a variable
 * @param variable {@code u}, {@code v}, {@code f} or {@code g}
 */
record FormatPart(
        String literal, char variable, List<VarModifier> modifiers, int offset, int width, boolean zeroPadding) {

    void appendTo(StringBuilder out, UidlFormat.Values values) {
        if (literal != null) {
            out.append(literal);
            return;
        }
        VarModifier.VarSpec spec = new VarModifier.VarSpec();
        spec.offset = offset;
        spec.width = width;
        String v = value(values);
        for (VarModifier m : modifiers) {
            v = m.apply(v, spec);
        }
        if (spec.offset < 0) { // from the end
            v = v.length() > -spec.offset ? v.substring(v.length() + spec.offset) : v;
        } else {
            v = v.substring(Math.min(spec.offset, v.length()));
        }
        if (spec.width == 0) {
            out.append(v);
        } else if (!zeroPadding) { // a width cuts; a negative one cuts that much off the end
            int cut = spec.width < 0 ? v.length() + spec.width : spec.width;
            out.append(cut < 0 ? v : v.substring(0, Math.min(cut, v.length())));
        } else {
            out.append("0".repeat(Math.max(0, spec.width - v.length()))).append(v); // pads, never cuts
        }
    }

    private String value(UidlFormat.Values values) {
        return switch (variable) {
            case 'u' -> Long.toString(values.uid());
            case 'v' -> Long.toString(values.uidValidity());
            case 'f' -> values.fileName();
            default -> values.guid();
        };
    }
}
