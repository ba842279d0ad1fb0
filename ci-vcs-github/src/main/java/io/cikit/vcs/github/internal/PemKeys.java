package io.cikit.vcs.github.internal;

import io.cikit.core.config.ConfigurationException;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RSA private key from PEM text with the JDK's own crypto: PKCS#8 ({@code BEGIN PRIVATE KEY}) as is, and
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what GitHub hands out for apps) wrapped into PKCS#8 first. Messages never
 * quote key material.
 */
public final class PemKeys {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };
    private static final int MAX_PEM_CHARS = 64 * 1024;

    private PemKeys() {
    }

    /**
     * The RSA private key in the first PEM block of {@code pem}.
     *
     * @param what names the key's source in messages (a configuration key or a file name)
     * @throws ConfigurationException when there is no PEM block, it is encrypted or not RSA, or it does not decode
     */
    public static RSAPrivateKey rsaPrivateKey(String pem, String what) {
        if (pem.length() > MAX_PEM_CHARS) {
            throw new ConfigurationException(what + ": PEM text is over " + MAX_PEM_CHARS + " characters");
        }
        Matcher m = BLOCK.matcher(pem);
        if (!m.find()) {
            throw new ConfigurationException(what + ": no PEM block (-----BEGIN … PRIVATE KEY-----) found");
        }
        String type = m.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2).strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(what + ": the " + type + " block is not valid base64");
        }
        byte[] pkcs8 = switch (type) {
            case "PRIVATE KEY" -> der;
            case "RSA PRIVATE KEY" -> wrapPkcs1(der);
            case "ENCRYPTED PRIVATE KEY" -> throw new ConfigurationException(
                    what + ": encrypted private keys are not supported; give the key unencrypted");
            default -> throw new ConfigurationException(what + ": a " + type + " block is not an RSA private key");
        };
        try {
            if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8))
                    instanceof RSAPrivateKey key) {
                return key;
            }
            throw new ConfigurationException(what + ": not an RSA private key");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigurationException(what + ": the " + type + " block does not decode as an RSA private key");
        }
    }

    /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { RSAPrivateKey } }. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(pkcs1.length + 32);
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        writeLength(body, pkcs1.length);
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 8);
        out.write(0x30);
        writeLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((length >>> (8 * i)) & 0xff);
        }
    }
}
