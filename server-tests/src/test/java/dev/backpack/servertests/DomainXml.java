package dev.backpack.servertests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Moves every listener of a GlassFish-family {@code domain.xml} to free ports on 127.0.0.1, before
 * the first start (one start per test class, no restart for configuration).
 *
 * <p>What a default {@code domain1} opens, and what is done with it: HTTP, HTTPS and admin
 * listeners; three IIOP listeners; the JMX connector; the OSGi shell; the JMS port (GlassFish
 * binds a lazy proxy on it, on all interfaces when the JMS host is {@code localhost}, so the host
 * becomes 127.0.0.1). Payara Server also starts its Hazelcast data grid (cannot be switched off in
 * Payara Server 6): its ports are moved and it is bound to 127.0.0.1; Payara's phone-home is
 * disabled.
 */
final class DomainXml {

  private DomainXml() {}

  /** The ports of one domain. */
  record Ports(
      int http,
      int https,
      int admin,
      int iiop,
      int iiopSsl,
      int iiopMutual,
      int jmx,
      int jms,
      int osgiShell,
      int hazelcastDas,
      int hazelcastStart) {

    static Ports free(boolean payara) {
      int[] p = AppServer.freePorts(payara ? 11 : 9);
      return new Ports(
          p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], payara ? p[9] : 0, payara ? p[10] : 0);
    }
  }

  static final String LOOPBACK = "127.0.0.1";

  static void rewrite(Path file, Ports ports, boolean payara) {
    try {
      Document doc =
          DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(file.toFile());
      var xpath = XPathFactory.newDefaultInstance().newXPath();
      Element config =
          (Element)
              xpath.evaluate(
                  "/domain/configs/config[@name='server-config']", doc, XPathConstants.NODE);
      listener(config, "network-listener", "name", "http-listener-1", ports.http());
      listener(config, "network-listener", "name", "http-listener-2", ports.https());
      listener(config, "network-listener", "name", "admin-listener", ports.admin());
      listener(config, "iiop-listener", "id", "orb-listener-1", ports.iiop());
      listener(config, "iiop-listener", "id", "SSL", ports.iiopSsl());
      listener(config, "iiop-listener", "id", "SSL_MUTUALAUTH", ports.iiopMutual());
      Element jmx = only(config, "jmx-connector");
      jmx.setAttribute("port", Integer.toString(ports.jmx()));
      jmx.setAttribute("address", LOOPBACK);
      setSystemProperty(config, "JMS_PROVIDER_PORT", ports.jms());
      jmsOnLoopback(config);
      for (Element option : all(config, "jvm-options")) {
        String text = option.getTextContent();
        if (text.startsWith("-Dosgi.shell.telnet.port=")) {
          option.setTextContent("-Dosgi.shell.telnet.port=" + ports.osgiShell());
        }
      }
      if (payara) {
        Element domain = doc.getDocumentElement();
        Element grid = only(domain, "hazelcast-runtime-configuration");
        grid.setAttribute("das-port", Integer.toString(ports.hazelcastDas()));
        grid.setAttribute("start-port", Integer.toString(ports.hazelcastStart()));
        grid.setAttribute("das-bind-address", LOOPBACK);
        grid.setAttribute("das-public-address", LOOPBACK);
        grid.setAttribute("interface", LOOPBACK);
        grid.setAttribute("discovery-mode", "domain");
        // Hazelcast binds its member socket to every interface unless told not to
        Element jvm = only(config, "java-config");
        Element bindAny = doc.createElement("jvm-options");
        bindAny.setTextContent("-Dhazelcast.socket.bind.any=false");
        jvm.appendChild(bindAny);
        Element phoneHome = doc.createElement("phone-home-runtime-configuration");
        phoneHome.setAttribute("enabled", "false");
        domain.insertBefore(phoneHome, grid);
      }
      var transformer = TransformerFactory.newDefaultInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.transform(new DOMSource(doc), new StreamResult(Files.newOutputStream(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot rewrite " + file, e);
    }
  }

  private static void listener(Element config, String tag, String key, String value, int port) {
    for (Element e : all(config, tag)) {
      if (value.equals(e.getAttribute(key))) {
        e.setAttribute("port", Integer.toString(port));
        e.setAttribute("address", LOOPBACK);
        return;
      }
    }
    throw new IllegalStateException("no " + tag + " " + key + "=" + value + " in server-config");
  }

  /**
   * The JMS host on 127.0.0.1: GlassFish binds its lazy JMS listener to all interfaces when the
   * host is {@code localhost}. A pristine domain1 has no {@code jms-service} in server-config yet
   * (the server adds the default one at first start), so it is written here.
   */
  private static void jmsOnLoopback(Element config) {
    List<Element> hosts = all(config, "jms-host");
    if (hosts.isEmpty()) {
      Document doc = config.getOwnerDocument();
      Element service = doc.createElement("jms-service");
      service.setAttribute("type", "EMBEDDED");
      service.setAttribute("default-jms-host", "default_JMS_host");
      service.setAttribute("addresslist-behavior", "priority");
      Element host = doc.createElement("jms-host");
      host.setAttribute("name", "default_JMS_host");
      host.setAttribute("port", "${JMS_PROVIDER_PORT}");
      host.setAttribute("admin-user-name", "admin");
      host.setAttribute("admin-password", "admin");
      host.setAttribute("lazy-init", "true");
      service.appendChild(host);
      config.appendChild(service);
      hosts = List.of(host);
    }
    for (Element host : hosts) {
      host.setAttribute("host", LOOPBACK);
    }
  }

  private static void setSystemProperty(Element config, String name, int port) {
    for (Node n = config.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && e.getTagName().equals("system-property")
          && name.equals(e.getAttribute("name"))) {
        e.setAttribute("value", Integer.toString(port));
        return;
      }
    }
    Element property = config.getOwnerDocument().createElement("system-property");
    property.setAttribute("name", name);
    property.setAttribute("value", Integer.toString(port));
    config.insertBefore(property, config.getFirstChild());
  }

  private static Element only(Element parent, String tag) {
    var found = all(parent, tag);
    if (found.size() != 1) {
      throw new IllegalStateException(found.size() + " <" + tag + "> where one was expected");
    }
    return found.get(0);
  }

  private static List<Element> all(Element parent, String tag) {
    NodeList list = parent.getElementsByTagName(tag);
    List<Element> elements = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      elements.add((Element) list.item(i));
    }
    return elements;
  }
}
