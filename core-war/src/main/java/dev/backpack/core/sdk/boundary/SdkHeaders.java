package dev.backpack.core.sdk.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers of the static SDK at {@code {base}/sdk/*}, which the container's default servlet serves
 * with {@code ETag} and {@code Last-Modified}: revalidated on every use ({@code no-cache}, a 304
 * when unchanged), so a page never runs an SDK older than its backpack; importable as a module
 * from pages of any origin ({@code Access-Control-Allow-Origin: *}: the file is public and the
 * response carries no credentials); never sniffed as another type.
 */
@WebFilter("/sdk/*")
public class SdkHeaders extends HttpFilter {

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("Access-Control-Allow-Origin", "*");
    response.setHeader("X-Content-Type-Options", "nosniff");
    chain.doFilter(request, response);
  }
}
