package io.cikit.core.webhook;

import io.cikit.core.config.Secret;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * HMAC-SHA256 with per-thread engines. {@code Mac.getInstance} (a provider search and a reflective construction) and
 * {@code init} cost about 0.4 µs, as much as hashing a few kilobytes, on every delivery; instead each thread keeps
 * {@link #ENGINES_PER_THREAD} engines initialised for the secrets it last used, found by the {@link Secret}'s
 * identity, and one more for raw keys (re-initialised on each call, which still saves the provider search).
 *
 * <p>Thread-safe: an engine is only ever used by the thread that owns it, and never re-entered ({@code doFinal}
 * calls nothing of ours). {@code doFinal} leaves an engine initialised with its key and ready for the next body; an
 * engine whose call failed part-way is initialised afresh before its next use. The engines hold key-derived state,
 * as the {@link Secret}s they were made for do; nothing here is logged or printed.
 */
final class HmacSha256 {
    /** Secrets a thread keeps an initialised engine for: two overlap during rotation, a host may verify a few providers. */
    static final int ENGINES_PER_THREAD = 4;

    private static final String ALGORITHM = "HmacSHA256";
    private static final ThreadLocal<Engines> ENGINES = ThreadLocal.withInitial(Engines::new);

    private HmacSha256() {
    }

    /** The HMAC-SHA256 of {@code body} under the secret's bytes. */
    static byte[] of(Secret secret, byte[] body) {
        return ENGINES.get().mac(secret, body);
    }

    /**
     * The HMAC-SHA256 of {@code body} under a raw key.
     *
     * @throws IllegalArgumentException when the key is empty
     */
    static byte[] of(byte[] key, byte[] body) {
        if (key.length == 0) {
            throw new IllegalArgumentException("an HMAC key must not be empty");
        }
        return ENGINES.get().mac(key, body);
    }

    /** A fresh engine, as the reference the reused ones are tested against. */
    static Mac newEngine() {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            // every Java 17 runtime ships HmacSHA256; reaching this means a broken JCE installation
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static void init(Mac engine, byte[] key) {
        try {
            engine.init(new SecretKeySpec(key, ALGORITHM));
        } catch (InvalidKeyException e) {
            // HmacSHA256 takes keys of any non-empty length
            throw new IllegalStateException("HmacSHA256 refused a key of " + key.length + " bytes", e);
        }
    }

    /** One thread's engines. */
    private static final class Engines {
        private final Slot[] slots = new Slot[ENGINES_PER_THREAD];
        private int used;
        private int nextEvicted;
        private @Nullable Mac forRawKeys;

        byte[] mac(Secret secret, byte[] body) {
            Slot slot = slotFor(secret);
            // not marked ready again until doFinal returns: an engine failing part-way is initialised before reuse
            slot.secret = null;
            byte[] mac = slot.engine.doFinal(body);
            slot.secret = secret;
            return mac;
        }

        byte[] mac(byte[] key, byte[] body) {
            Mac engine = forRawKeys;
            if (engine == null) {
                engine = newEngine();
                forRawKeys = engine;
            }
            // init also resets whatever state a failed earlier call left
            init(engine, key);
            return engine.doFinal(body);
        }

        /** The slot whose engine is initialised for this secret, initialising one (evicting in turn) if none is. */
        private Slot slotFor(Secret secret) {
            for (int i = 0; i < used; i++) {
                if (slots[i].secret == secret) {
                    return slots[i];
                }
            }
            Slot slot;
            if (used < ENGINES_PER_THREAD) {
                slot = new Slot(newEngine());
                slots[used++] = slot;
            } else {
                slot = slots[nextEvicted];
                nextEvicted = (nextEvicted + 1) % ENGINES_PER_THREAD;
                slot.secret = null;
            }
            byte[] key = secret.bytes();
            try {
                init(slot.engine, key);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
            return slot;
        }
    }

    /** An engine and the secret it is initialised for (null while it is not ready for use). */
    private static final class Slot {
        final Mac engine;
        @Nullable Secret secret;

        Slot(Mac engine) {
            this.engine = engine;
        }
    }
}
