package io.tanpopo.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against an embedded POP3 server on 127.0.0.1 and a free port;
 * inject what you need as parameters (see {@link Pop3Extension}). {@code @Nested} classes share the
 * outer class's server.
 *
 * <pre>{@code
 * @Pop3Test(users = "alice:secret", profile = "dovecot")
 * class MailClientTest {
 *     @Test
 *     void fetches(Pop3User alice, Properties mail) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(Pop3Extension.class)
public @interface Pop3Test {

    /** Users as {@code name:password}, present in every test. */
    String[] users() default {};

    /** The server profile: tanpopo, dovecot, qmail, courier, gmail-like or rfc1939-minimal. */
    String profile() default "tanpopo";

    /** A new server for every test instead of one per class, reset between tests. */
    boolean perTest() default false;

    /**
     * Keep mail in real maildirs in a temporary directory (deleted when the server stops) instead of
     * memory; UIDLs are then the files' base names. See {@code Pop3User.maildir()}.
     */
    boolean maildir() default false;

    /** Also listen for implicit TLS (POP3S); inject its port as {@code @Pop3Port(implicitTls = true) int}. */
    boolean implicitTls() default false;
}
