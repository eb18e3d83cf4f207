package dev.backpack.core.files.control;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The content type of an upload, from what the client claims and what the leading bytes are.
 *
 * <p>Rules: when the leading bytes are one of the recognised formats (PNG, JPEG, GIF, WebP, AVIF,
 * HEIC, TIFF, PDF, ZIP, gzip, 7z, RAR, MP4/QuickTime/3GP, WebM/Matroska, Ogg, MP3, FLAC, WAV, AVI,
 * WebAssembly, Windows and ELF executables), the stored type is the detected one, or the client's
 * claim when that claim is a type of the same family (a DOCX is a ZIP, an M4A an MP4). A claim of
 * a recognisable type that the bytes do not bear out (a "PNG" that is not one) becomes {@value
 * #OCTET_STREAM}. Other claims (text, JSON, CSV, SVG, ...) are kept, normalised to {@code
 * type/subtype} plus a charset for text; no claim or a malformed one is {@value #OCTET_STREAM}.
 * Nothing is lost by trusting such a claim, because downloads carry {@code nosniff} and only the
 * {@link #inline inline} types are shown in the browser.
 */
public final class ContentTypes {

  public static final String OCTET_STREAM = "application/octet-stream";
  /** How many leading bytes {@link #detect} looks at. */
  public static final int HEAD_BYTES = 512;

  private static final Pattern MEDIA_TYPE =
      Pattern.compile(
          "\\s*([a-z0-9][a-z0-9!#$&^_.+-]{0,126})/([a-z0-9][a-z0-9!#$&^_.+-]{0,126})\\s*(;.*)?",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern CHARSET =
      Pattern.compile(".*;\\s*charset=\"?([a-z0-9._:-]{1,40})\"?\\s*(;.*)?", Pattern.CASE_INSENSITIVE);

  /** Detected type → the claims that are compatible with it (itself included). */
  static final Map<String, Set<String>> FAMILIES = families();

  private static final Set<String> VERIFIABLE =
      FAMILIES.values().stream().flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

  private static final Set<String> INLINE_OTHER =
      Set.of("application/pdf", "text/plain", "text/csv", "application/json");

  private ContentTypes() {}

  private static Map<String, Set<String>> families() {
    Map<String, Set<String>> f = new LinkedHashMap<>();
    f.put("image/png", Set.of("image/png", "image/apng"));
    f.put("image/jpeg", Set.of("image/jpeg", "image/jpg", "image/pjpeg"));
    f.put("image/gif", Set.of("image/gif"));
    f.put("image/webp", Set.of("image/webp"));
    f.put("image/tiff", Set.of("image/tiff"));
    Set<String> isoMedia =
        Set.of(
            "video/mp4", "audio/mp4", "audio/x-m4a", "audio/m4a", "video/x-m4v", "application/mp4",
            "video/quicktime", "video/3gpp", "video/3gpp2", "audio/3gpp", "audio/aac",
            "image/avif", "image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence");
    for (String t : List.of("video/mp4", "video/quicktime", "video/3gpp", "audio/mp4", "image/avif", "image/heic", "image/heif")) {
      f.put(t, isoMedia);
    }
    Set<String> matroska = Set.of("video/webm", "audio/webm", "video/x-matroska", "audio/x-matroska");
    f.put("video/webm", matroska);
    f.put("video/x-matroska", matroska);
    f.put("audio/ogg", Set.of("audio/ogg", "video/ogg", "application/ogg", "audio/opus", "audio/vorbis"));
    f.put("audio/mpeg", Set.of("audio/mpeg", "audio/mp3", "audio/mpeg3"));
    f.put("audio/flac", Set.of("audio/flac", "audio/x-flac"));
    f.put("audio/wav", Set.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"));
    f.put("video/x-msvideo", Set.of("video/x-msvideo", "video/avi", "video/msvideo"));
    f.put("application/pdf", Set.of("application/pdf", "application/x-pdf"));
    f.put(
        "application/zip",
        Set.of(
            "application/zip",
            "application/x-zip-compressed",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation",
            "application/vnd.oasis.opendocument.graphics",
            "application/epub+zip",
            "application/java-archive",
            "application/vnd.android.package-archive"));
    f.put("application/gzip", Set.of("application/gzip", "application/x-gzip", "application/x-compressed-tar", "application/x-tgz"));
    f.put("application/x-7z-compressed", Set.of("application/x-7z-compressed"));
    f.put("application/vnd.rar", Set.of("application/vnd.rar", "application/x-rar-compressed", "application/x-rar"));
    f.put("application/wasm", Set.of("application/wasm"));
    f.put("application/vnd.microsoft.portable-executable", Set.of("application/vnd.microsoft.portable-executable", "application/x-msdownload", "application/x-dosexec"));
    f.put("application/x-executable", Set.of("application/x-executable", "application/x-elf", "application/x-sharedlib"));
    return Map.copyOf(f);
  }

  /**
   * The type to store for an upload whose client claimed {@code claimed} (a {@code Content-Type}
   * value, may be null) and whose first bytes are {@code head[0..length)}.
   */
  public static String decide(String claimed, byte[] head, int length) {
    String claim = normalise(claimed);
    String claimEssence = claim == null ? null : essence(claim);
    Optional<String> detected = detect(head, length);
    if (detected.isPresent()) {
      Set<String> family = FAMILIES.getOrDefault(detected.get(), Set.of(detected.get()));
      return claimEssence != null && family.contains(claimEssence) ? claimEssence : detected.get();
    }
    if (claim == null || VERIFIABLE.contains(claimEssence)) {
      return OCTET_STREAM;
    }
    return claim;
  }

  /** {@code type/subtype} in lower case plus, for text, a well-formed charset; null if malformed. */
  static String normalise(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = MEDIA_TYPE.matcher(value);
    if (!m.matches()) {
      return null;
    }
    String essence = (m.group(1) + "/" + m.group(2)).toLowerCase(Locale.ROOT);
    if (essence.startsWith("text/") && m.group(3) != null) {
      Matcher charset = CHARSET.matcher(m.group(3));
      if (charset.matches()) {
        return essence + "; charset=" + charset.group(1).toLowerCase(Locale.ROOT);
      }
    }
    return essence;
  }

  /** The {@code type/subtype} part of a stored type. */
  public static String essence(String type) {
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  /** The format the leading bytes show, if it is one of the recognised ones. */
  static Optional<String> detect(byte[] b, int n) {
    if (starts(b, n, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of("image/png");
    }
    if (starts(b, n, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of("image/jpeg");
    }
    if (ascii(b, n, 0, "GIF87a") || ascii(b, n, 0, "GIF89a")) {
      return Optional.of("image/gif");
    }
    if (ascii(b, n, 0, "RIFF") && ascii(b, n, 8, "WEBP")) {
      return Optional.of("image/webp");
    }
    if (ascii(b, n, 0, "RIFF") && ascii(b, n, 8, "WAVE")) {
      return Optional.of("audio/wav");
    }
    if (ascii(b, n, 0, "RIFF") && ascii(b, n, 8, "AVI ")) {
      return Optional.of("video/x-msvideo");
    }
    if (starts(b, n, 0, 'I', 'I', '*', 0) || starts(b, n, 0, 'M', 'M', 0, '*')) {
      return Optional.of("image/tiff");
    }
    if (ascii(b, n, 4, "ftyp") && n >= 12) {
      return Optional.of(isoMedia(new String(b, 8, 4, StandardCharsets.ISO_8859_1)));
    }
    if (starts(b, n, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
      String start = new String(b, 0, Math.min(n, 64), StandardCharsets.ISO_8859_1);
      return Optional.of(start.contains("webm") ? "video/webm" : "video/x-matroska");
    }
    if (ascii(b, n, 0, "OggS")) {
      return Optional.of("audio/ogg");
    }
    if (ascii(b, n, 0, "ID3")
        || starts(b, n, 0, 0xFF, 0xFB)
        || starts(b, n, 0, 0xFF, 0xF3)
        || starts(b, n, 0, 0xFF, 0xF2)) {
      return Optional.of("audio/mpeg");
    }
    if (ascii(b, n, 0, "fLaC")) {
      return Optional.of("audio/flac");
    }
    if (ascii(b, n, 0, "%PDF-")) {
      return Optional.of("application/pdf");
    }
    if (starts(b, n, 0, 'P', 'K', 3, 4) || starts(b, n, 0, 'P', 'K', 5, 6)) {
      return Optional.of("application/zip");
    }
    if (starts(b, n, 0, 0x1F, 0x8B)) {
      return Optional.of("application/gzip");
    }
    if (starts(b, n, 0, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
      return Optional.of("application/x-7z-compressed");
    }
    if (starts(b, n, 0, 'R', 'a', 'r', '!', 0x1A, 0x07)) {
      return Optional.of("application/vnd.rar");
    }
    if (starts(b, n, 0, 0, 'a', 's', 'm')) {
      return Optional.of("application/wasm");
    }
    if (starts(b, n, 0, 'M', 'Z') && portableExecutable(b, n)) {
      return Optional.of("application/vnd.microsoft.portable-executable");
    }
    if (starts(b, n, 0, 0x7F, 'E', 'L', 'F')) {
      return Optional.of("application/x-executable");
    }
    return Optional.empty();
  }

  /** "MZ" alone is too common a start of text; a PE file also has "PE\0\0" where 0x3C points. */
  private static boolean portableExecutable(byte[] b, int n) {
    if (n < 0x40) {
      return false;
    }
    int offset =
        (b[0x3C] & 0xFF) | (b[0x3D] & 0xFF) << 8 | (b[0x3E] & 0xFF) << 16 | (b[0x3F] & 0xFF) << 24;
    return offset >= 0x40 && offset <= n - 4 && starts(b, n, offset, 'P', 'E', 0, 0);
  }

  private static String isoMedia(String brand) {
    return switch (brand) {
      case "avif", "avis" -> "image/avif";
      case "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs" -> "image/heic";
      case "mif1", "msf1" -> "image/heif";
      case "qt  " -> "video/quicktime";
      case "M4A ", "M4B ", "M4P " -> "audio/mp4";
      default -> brand.startsWith("3g") ? "video/3gpp" : "video/mp4";
    };
  }

  private static boolean starts(byte[] b, int n, int offset, int... expected) {
    if (n < offset + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((b[offset + i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascii(byte[] b, int n, int offset, String expected) {
    return starts(b, n, offset, expected.chars().toArray());
  }

  /**
   * Whether a browser may show this type in its own window ({@code Content-Disposition: inline}):
   * images other than SVG, audio, video, PDF, plain text, CSV and JSON. Everything else, above all
   * what a browser would run (HTML, SVG, XML, JavaScript), is sent as an attachment, so a file can
   * never execute script on the backpack's origin.
   */
  public static boolean inline(String type) {
    String essence = essence(type);
    if (essence.startsWith("image/")) {
      return !essence.contains("svg") && !essence.endsWith("+xml");
    }
    return essence.startsWith("audio/") || essence.startsWith("video/") || INLINE_OTHER.contains(essence);
  }

  /**
   * Whether {@code type} matches one of the patterns ({@code type/subtype}, {@code type/*} or
   * {@code *}{@code /*}).
   */
  public static boolean allowed(String type, List<String> patterns) {
    String essence = essence(type);
    for (String pattern : patterns) {
      if (pattern.equals("*/*") || pattern.equals(essence)) {
        return true;
      }
      if (pattern.endsWith("/*") && essence.startsWith(pattern.substring(0, pattern.length() - 1))) {
        return true;
      }
    }
    return false;
  }
}
