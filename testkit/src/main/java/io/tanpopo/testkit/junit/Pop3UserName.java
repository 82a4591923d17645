package io.tanpopo.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses which user a {@link io.tanpopo.testkit.Pop3User} parameter is:
 * {@code @Pop3UserName("bob") Pop3User bob}. Not needed when the server has exactly one user.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Pop3UserName {

    String value();
}
