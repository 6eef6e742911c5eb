package dev.esl.audit.chain;

/**
 * What the verifier found in one stream: intact, or the first sequence number whose link is broken or missing, and
 * why.
 *
 * @param checked  events checked
 * @param lastSeq  the last sequence number checked and found good
 * @param firstBad the first bad or missing sequence number, null when intact
 */
public record VerificationReport(String stream, boolean intact, long checked, long lastSeq, Long firstBad,
        String problem) {

    static VerificationReport intact(String stream, long checked, long lastSeq) {
        return new VerificationReport(stream, true, checked, lastSeq, null, null);
    }

    static VerificationReport broken(String stream, long checked, long lastSeq, long firstBad, String problem) {
        return new VerificationReport(stream, false, checked, lastSeq, firstBad, problem);
    }
}
