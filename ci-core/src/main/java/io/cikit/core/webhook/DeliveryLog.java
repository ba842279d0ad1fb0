package io.cikit.core.webhook;

/**
 * SPI: remembers delivery keys so a redelivered webhook is handled once. The default,
 * {@link InMemoryDeliveryLog}, is bounded in size and age; a host that runs several instances plugs in a shared
 * store. Implementations are thread-safe.
 */
public interface DeliveryLog {

    /**
     * Records a delivery key atomically.
     *
     * @return true the first time a key is seen (within the log's retention), false for a repeat
     */
    boolean firstSeen(String key);

    /** Forgets a key, so a later redelivery is handled again (used when handing a delivery on failed). */
    void forget(String key);
}
