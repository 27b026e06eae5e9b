package dev.kubetune.runner.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.kubetune.runner.model.Decoder;
import dev.kubetune.runner.model.DecoderInput;
import dev.kubetune.runner.model.WeightDeltas;
import dev.kubetune.runner.torch.DtypeGuard;
import java.util.ArrayList;
import java.util.List;

/**
 * The summed negative log-likelihood of a micro-batch's response tokens (prompt tokens masked out).
 * Sequences are left-padded as in generation; only the hidden states that predict a response token go
 * through the output head, so the vocabulary-sized logits stay small. Arrays live in {@code manager}.
 *
 * @param input   the left-padded batch
 * @param slots   for each response token, the flattened [B * T] position of the hidden state predicting it
 * @param targets the response tokens [n, 1]
 */
public record ResponseLoss(DecoderInput input, NDArray slots, NDArray targets) {

    /** Sum over the batch's response tokens of -log p(token | everything before it); a scalar. */
    public static NDArray sum(Decoder decoder, List<TokenizedExample> batch, long padId, WeightDeltas deltas,
                              NDManager manager) {
        ResponseLoss loss = of(batch, padId, manager);
        return loss.fromHidden(decoder, decoder.forward(loss.input(), null, deltas));
    }

    /** The batch's input and response positions. */
    public static ResponseLoss of(List<TokenizedExample> batch, long padId, NDManager manager) {
        int[] padding = new int[batch.size()];
        DecoderInput input = DecoderInput.leftPadded(manager, batch.stream().map(TokenizedExample::tokens).toList(),
                padId, padding);
        int length = input.length();
        List<Long> slots = new ArrayList<>();
        List<Long> targets = new ArrayList<>();
        for (int b = 0; b < batch.size(); b++) {
            TokenizedExample example = batch.get(b);
            for (int j = example.responseStart(); j < example.tokens().length; j++) {
                // the hidden state at token j-1 predicts token j
                slots.add((long) b * length + padding[b] + j - 1);
                targets.add(example.tokens()[j]);
            }
        }
        return new ResponseLoss(input, manager.create(slots.stream().mapToLong(Long::longValue).toArray()),
                manager.create(targets.stream().mapToLong(Long::longValue).toArray(), new Shape(targets.size(), 1)));
    }

    /** The summed loss from the final hidden states [B, T, hidden] (after the final norm); a scalar. */
    public NDArray fromHidden(Decoder decoder, NDArray hidden) {
        long width = hidden.getShape().get(2);
        NDArray predicting = hidden.reshape(input.batchSize() * (long) input.length(), width)
                .gather(slots.expandDims(1).repeat(1, width), 0);
        NDArray logProbs = DtypeGuard.logSoftmax(decoder.logits(predicting), -1);
        return logProbs.gather(targets, 1).sum().neg();
    }
}
