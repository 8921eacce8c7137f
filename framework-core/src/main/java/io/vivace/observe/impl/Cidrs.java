package io.vivace.observe.impl;

import io.netty.util.NetUtil;
import java.util.List;

/**
 * A set of IPv4 and IPv6 networks (CIDR notation, or a bare address for one host), parsed once at
 * start with Netty's {@link NetUtil}. An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is
 * matched as its IPv4 address. Immutable and thread-safe.
 */
public final class Cidrs {
  private final byte[][] networks;
  private final int[] prefixes;

  private Cidrs(byte[][] networks, int[] prefixes) {
    this.networks = networks;
    this.prefixes = prefixes;
  }

  /** Whether every entry is an address or a CIDR with a prefix in range. */
  public static boolean valid(List<String> entries) {
    for (String e : entries) {
      if (parseOne(e) == null) {
        return false;
      }
    }
    return true;
  }

  /**
   * The networks of {@code entries}.
   *
   * @throws IllegalArgumentException naming an entry that is no address or CIDR
   */
  public static Cidrs of(List<String> entries) {
    byte[][] nets = new byte[entries.size()][];
    int[] prefixes = new int[entries.size()];
    for (int i = 0; i < nets.length; i++) {
      Object[] p = parseOne(entries.get(i));
      if (p == null) {
        throw new IllegalArgumentException("not an address or CIDR: " + entries.get(i));
      }
      nets[i] = (byte[]) p[0];
      prefixes[i] = (Integer) p[1];
    }
    return new Cidrs(nets, prefixes);
  }

  /** The 4 or 16 bytes of {@code ip} (an IPv4-mapped IPv6 address as 4), or null when it is no IP address. */
  public static byte[] bytes(String ip) {
    byte[] raw = NetUtil.createByteArrayFromIpAddressString(ip);
    if (raw != null && raw.length == 16 && isIpv4Mapped(raw)) {
      return new byte[] {raw[12], raw[13], raw[14], raw[15]};
    }
    return raw;
  }

  /** Whether {@code address} (4 or 16 bytes) is in one of the networks. */
  public boolean contains(byte[] address) {
    for (int i = 0; i < networks.length; i++) {
      if (networks[i].length == address.length && matches(networks[i], address, prefixes[i])) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(byte[] net, byte[] addr, int prefix) {
    int full = prefix >>> 3;
    for (int i = 0; i < full; i++) {
      if (net[i] != addr[i]) {
        return false;
      }
    }
    int rest = prefix & 7;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (net[full] & mask) == (addr[full] & mask);
  }

  private static Object[] parseOne(String entry) {
    if (entry == null) {
      return null;
    }
    String e = entry.trim();
    int slash = e.indexOf('/');
    byte[] addr = bytes(slash < 0 ? e : e.substring(0, slash));
    if (addr == null) {
      return null;
    }
    int max = addr.length * 8;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(e.substring(slash + 1));
      } catch (NumberFormatException ex) {
        return null;
      }
      if (addr.length == 4 && NetUtil.createByteArrayFromIpAddressString(e.substring(0, slash)).length == 16) {
        prefix -= 96; // ::ffff:10.0.0.0/104 is 10.0.0.0/8
      }
      if (prefix < 0 || prefix > max) {
        return null;
      }
    }
    return new Object[] {addr, prefix};
  }

  private static boolean isIpv4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }
}
