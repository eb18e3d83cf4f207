/**
 * Problem details (RFC 9457) as the one shape of every error a backpack answers.
 *
 * <p>Decisions: {@code type} is a stable URN ({@code urn:backpack:problem:<slug>}) so clients can
 * switch on it without a web page behind it; the exception is stackless because it is control
 * flow, never a bug report.
 */
package dev.backpack.core.problems.entity;
