package dev.backpack.admin.drivers.control;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Qualifies an implementation of {@link BackpackDriver} by its {@link BackpackDriver#id()}. */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Driver {

  /** The driver's id, e.g. {@code inprocess}. */
  String value();

  /** For {@code Instance.select}. */
  final class Literal extends AnnotationLiteral<Driver> implements Driver {
    private static final long serialVersionUID = 1L;
    private final String value;

    public Literal(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }
}
