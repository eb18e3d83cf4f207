package dev.backpack.admin.drivers.control;

/** A driver step that failed; the message says which and why, fit for a user. */
public class DriverException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DriverException(String message) {
    super(message);
  }

  public DriverException(String message, Throwable cause) {
    super(message, cause);
  }
}
