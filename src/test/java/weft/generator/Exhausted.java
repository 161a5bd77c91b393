package weft.generator;

import java.util.ArrayList;
import java.util.List;

/** A generator run to its end with next(): everything it yielded, then what it returned. */
record Exhausted<Y>(List<Y> yielded, Object returned) {
    static <Y> Exhausted<Y> of(Generator<Y, ?, ?> generator) {
        List<Y> yielded = new ArrayList<>();
        while (true) {
            try {
                yielded.add(generator.next());
            } catch (StopIteration end) {
                return new Exhausted<>(yielded, end.value());
            }
        }
    }
}
