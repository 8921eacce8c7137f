package io.vivace.db.eager.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both stitching layouts group the same rows in the same order. */
class StitchTest {

  @Test
  void sortedArraysAndHashMapAgree() {
    Random random = new Random(7);
    List<Object[]> pairs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      pairs.add(new Object[] {(long) random.nextInt(60), "row " + i});
    }
    Stitch hashed = Stitch.hashed(pairs, 60);
    Stitch sorted = Stitch.sorted(pairs);
    for (long key = -1; key <= 61; key++) {
      assertEquals(hashed.get(key), sorted.get(key), "key " + key);
    }
    assertNull(sorted.get(1_000L));
    assertEquals(hashed.groups().size(), sorted.groups().size());
    List<Object> rowsOf5 = new ArrayList<>();
    for (Object[] kv : pairs) {
      if (kv[0].equals(5L)) {
        rowsOf5.add(kv[1]);
      }
    }
    assertEquals(rowsOf5, sorted.get(5L), "arrival order kept within a group");
  }
}
