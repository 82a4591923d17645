package io.tanpopo.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that must run as root (to create system users, mount a file system, or act as a server
 * running as root over files of an unprivileged user). Not root: skipped with {@link #value()} as
 * the reason, or failed where programs are required (see {@link RequiresProgram}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ProgramCondition.class)
public @interface RequiresRoot {

    /** Why root is needed. */
    String value();
}
