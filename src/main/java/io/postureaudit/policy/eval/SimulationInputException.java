package io.postureaudit.policy.eval;

/** An access question the simulator cannot ask as given: the message names the field, what was expected and what came. */
public final class SimulationInputException extends IllegalArgumentException {

    public SimulationInputException(String message) {
        super(message);
    }
}
