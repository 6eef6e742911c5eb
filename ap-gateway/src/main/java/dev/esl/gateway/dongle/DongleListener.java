package dev.esl.gateway.dongle;

/**
 * What the dongle reports to the gateway. Called on the {@link DongleClient}'s event thread, one call at a
 * time; hand heavy work to another thread.
 */
public interface DongleListener {
    /** The dongle said HELLO after a (re)start of the link: it has no transfer or command in progress. */
    void dongleUp(DongleMessage.Hello hello);

    /** The dongle is gone or was reset: every transfer and command in progress is lost, and will get no RESULT. */
    void dongleDown(String reason);

    void checkIn(DongleMessage.CheckIn checkIn);

    /** The end of the transfer or command {@code ref}. */
    void result(int ref, TagId tag, EslStatus status);

    default void sensor(DongleMessage.Sensor sensor) {
    }
}
