package io.vivace.loadtests.baseline;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.impl.buffer.VertxByteBufAllocator;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code /fortunes} page written straight into the response's bytes: the fixed parts encoded
 * to UTF-8 once, each message HTML-escaped ({@code & < >}, as the techempower example's JTE
 * template escapes text) and encoded in place by Netty's {@link ByteBufUtil#writeUtf8}, so a page
 * costs one buffer and no intermediate strings. The bytes are those of the example's template.
 * Stateless; any thread.
 */
final class FortunesPage {
  private static final byte[] HEAD = bytes("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
      + "<tr><th>id</th><th>message</th></tr>");
  private static final byte[] ROW_START = bytes("<tr><td>");
  private static final byte[] CELL_BREAK = bytes("</td><td>");
  private static final byte[] ROW_END = bytes("</td></tr>");
  /** With the template file's last line break, so the bytes are the example's to the end. */
  private static final byte[] TAIL = bytes("</table></body></html>\n");
  private static final byte[] LT = bytes("&lt;");
  private static final byte[] GT = bytes("&gt;");
  private static final byte[] AMP = bytes("&amp;");
  /** Bytes of a 13-fortune page with room to spare: the buffer is not grown on the usual page. */
  private static final int INITIAL_CAPACITY = 2048;

  private FortunesPage() {
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The page of {@code fortunes}, in their order. */
  static Buffer render(List<Fortune> fortunes) {
    // The allocator behind Buffer.buffer(int): unpooled heap, no leak-detection wrapper.
    ByteBuf out = VertxByteBufAllocator.DEFAULT.heapBuffer(INITIAL_CAPACITY);
    out.writeBytes(HEAD);
    for (int i = 0, n = fortunes.size(); i < n; i++) {
      Fortune f = fortunes.get(i);
      out.writeBytes(ROW_START);
      writeInt(out, f.id());
      out.writeBytes(CELL_BREAK);
      writeEscaped(out, f.message());
      out.writeBytes(ROW_END);
    }
    out.writeBytes(TAIL);
    return BufferInternal.buffer(out);
  }

  /** A non-negative id in decimal, or any int through its string form. */
  private static void writeInt(ByteBuf out, int value) {
    if (value >= 0 && value < 10) {
      out.writeByte('0' + value);
    } else {
      ByteBufUtil.writeAscii(out, Integer.toString(value));
    }
  }

  /** {@code text} as UTF-8 with {@code & < >} replaced by their entities, runs between them written in place. */
  private static void writeEscaped(ByteBuf out, String text) {
    int start = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      byte[] entity;
      switch (text.charAt(i)) {
        case '<' -> entity = LT;
        case '>' -> entity = GT;
        case '&' -> entity = AMP;
        default -> {
          continue;
        }
      }
      if (i > start) {
        ByteBufUtil.writeUtf8(out, text, start, i);
      }
      out.writeBytes(entity);
      start = i + 1;
    }
    if (start < text.length()) {
      ByteBufUtil.writeUtf8(out, text, start, text.length());
    }
  }
}
