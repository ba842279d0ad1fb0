package io.cikit.vcs.github;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;

/** An RSA key pair made for the test, written as GitHub hands App keys out (PKCS#1) and as PKCS#8. */
final class TestKeys {
    private TestKeys() {
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String pkcs8Pem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dp, dq, qinv }, written here independently of the code. */
    static String pkcs1Pem(KeyPair pair) {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) pair.getPrivate();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (BigInteger i : new BigInteger[] {BigInteger.ZERO, k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient()}) {
            byte[] value = i.toByteArray();
            body.write(0x02);
            length(body, value.length);
            body.writeBytes(value);
        }
        ByteArrayOutputStream seq = new ByteArrayOutputStream();
        seq.write(0x30);
        length(seq, body.size());
        seq.writeBytes(body.toByteArray());
        return pem("RSA PRIVATE KEY", seq.toByteArray());
    }

    private static void length(ByteArrayOutputStream out, int n) {
        if (n < 128) {
            out.write(n);
        } else if (n < 256) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        }
    }

    private static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }
}
