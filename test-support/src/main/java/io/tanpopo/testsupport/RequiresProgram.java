package io.tanpopo.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test (class or method) that drives a real program. Where the program is not installed the
 * test is skipped, with the program and the Debian package to install in the reason; with
 * {@value ProgramCondition#REQUIRE_PROPERTY}{@code =true} (or the environment variable
 * {@value ProgramCondition#REQUIRE_ENV}{@code =1}, as CI sets it) it fails instead.
 *
 * <p>A program is found as a user would find it: an absolute {@link #value()} must be an
 * executable file; a bare name must be an executable file in a directory of {@code PATH}. A
 * program that is there but broken is the test's failure, never a skip.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(RequiresPrograms.class)
@ExtendWith(ProgramCondition.class)
public @interface RequiresProgram {

    /** The program: a name looked up on {@code PATH}, or an absolute path. */
    String value();

    /** The Debian package that installs it. */
    String debianPackage();
}
