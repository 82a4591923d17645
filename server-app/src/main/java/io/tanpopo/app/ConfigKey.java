package io.tanpopo.app;

/**
 * One documented configuration key.
 *
 * @param name the property name, e.g. {@code pop3.port}
 * @param type what the value is, as docs/configuration.md's table says it
 * @param defaultValue the default, as text ("" for none)
 * @param description one line for docs/configuration.md and {@code check-config}
 * @param secret whether {@code check-config} masks the value
 */
public record ConfigKey(String name, String type, String defaultValue, String description, boolean secret) {}
