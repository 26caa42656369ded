package io.postureaudit.findings;

/** Input to a finding operation is wrong: the message names the field, what was expected and what came (400). */
public class FindingInputException extends IllegalArgumentException {

    public FindingInputException(String message) {
        super(message);
    }
}
