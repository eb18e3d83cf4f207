package dev.backpack.admin.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backpack.admin.operations.control.OperationFeed;
import dev.backpack.admin.operations.entity.Operation;
import dev.backpack.admin.operations.entity.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OperationStreamTest {

  UUID id = UUID.fromString("00000000-0000-0000-0000-000000000009");
  OperationFeed feed = new OperationFeed();
  List<Step> store = new CopyOnWriteArrayList<>();
  List<String> seen = new CopyOnWriteArrayList<>();
  Operation.State state = Operation.State.RUNNING;

  OperationStream.Out out =
      new OperationStream.Out() {
        @Override
        public boolean closed() {
          return false;
        }

        @Override
        public void step(Step step) {
          seen.add("step " + step.seq());
        }

        @Override
        public void end(Operation operation) {
          seen.add("end " + operation.state().value() + " after " + operation.steps().size());
        }
      };

  Operation stored() {
    return new Operation(id, Operation.Kind.CREATE, "shop", null, null, state, null, Instant.EPOCH, state == Operation.State.RUNNING ? null : Instant.EPOCH, new ArrayList<>(store));
  }

  Step step(int seq) {
    return new Step(seq, Instant.EPOCH, "step " + seq);
  }

  @Test
  void aLiveStepThatComesWhileTheReplayReadsWaitsForItAndNothingIsLost() throws Exception {
    store.add(step(1));
    store.add(step(2));
    Thread[] operation = new Thread[1];
    boolean[] first = {true};
    OperationStream[] stream = new OperationStream[1];
    stream[0] =
        new OperationStream(
            feed,
            id,
            () -> {
              if (first[0]) {
                // the operation records step 3 and pushes it live while the replay reads the store
                first[0] = false;
                store.add(step(3));
                operation[0] = new Thread(() -> stream[0].step(step(3)));
                operation[0].start();
                waitUntilBlockedOrDone(operation[0]);
              }
              return stored();
            },
            0,
            out);

    stream[0].open();
    operation[0].join(TimeUnit.SECONDS.toMillis(10));
    store.add(step(4));
    stream[0].step(step(4));
    state = Operation.State.SUCCEEDED;
    stream[0].end(stored());

    assertEquals(List.of("step 1", "step 2", "step 3", "step 4", "end succeeded after 4"), seen);
  }

  @Test
  void aReconnectGetsWhatItMissedOnlyAndAFinishedOperationEndsAtOnce() {
    store.addAll(List.of(step(1), step(2), step(3)));
    state = Operation.State.FAILED;

    new OperationStream(feed, id, this::stored, 2, out).open();

    assertEquals(List.of("step 3", "end failed after 3"), seen);
  }

  @Test
  void stepsRecordedBetweenTheLastLiveOneAndTheEndComeWithTheEndedOperation() {
    store.add(step(1));
    OperationStream stream = new OperationStream(feed, id, this::stored, 0, out);
    stream.open();
    store.addAll(List.of(step(2), step(3)));
    state = Operation.State.SUCCEEDED;

    stream.end(stored());
    stream.step(step(3)); // late, after the end: nothing

    assertEquals(List.of("step 1", "step 2", "step 3", "end succeeded after 3"), seen);
  }

  private static void waitUntilBlockedOrDone(Thread thread) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.BLOCKED && thread.getState() != Thread.State.TERMINATED && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }
}
