package io.tanpopo.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code int} parameter that receives the test server's port: {@code @Pop3Port int port},
 * or its implicit-TLS (POP3S) port: {@code @Pop3Port(implicitTls = true) int tlsPort}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Pop3Port {

    /** The implicit-TLS port instead of the plain one (the server must listen there). */
    boolean implicitTls() default false;
}
