package dev.skyfleet.provisioner.rest;

import dev.skyfleet.provisioner.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The least role a caller needs for a resource method (a class-level value applies to every method). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Authorized {
    Role value();
}
