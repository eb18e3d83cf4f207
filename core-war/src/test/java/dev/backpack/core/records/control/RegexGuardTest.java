package dev.backpack.core.records.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backpack.core.problems.entity.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexGuardTest {

  @ParameterizedTest
  @ValueSource(strings = {"^abc", "a+b*", "(ab|cd)+", "[a-z]+@[a-z]+\\.com", "colou?r", "(a)?b", "\\(a+\\)+", "[(]a+[)]+"})
  void letsOrdinaryPatternsThrough(String regex) {
    assertEquals(regex, RegexGuard.require("f", regex));
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a+)+", "(a*)*$", "((ab)+)+", "(a+){2,}", "(x+x+)+y", "(a)\\1", "(?<n>a)\\k<n>", "("})
  void rejectsCatastrophicOrInvalidPatterns(String regex) {
    assertEquals(400, assertThrows(ProblemException.class, () -> RegexGuard.require("f", regex)).status());
  }
}
