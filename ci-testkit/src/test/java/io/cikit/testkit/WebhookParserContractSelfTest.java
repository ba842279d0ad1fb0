package io.cikit.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.config.Secret;
import io.cikit.core.event.Provider;
import io.cikit.core.http.Headers;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.core.webhook.ParseResult;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract catches broken parsers: each broken variant of the example parser fails the test aimed at it. */
class WebhookParserContractSelfTest {

    @Test
    void theExampleParserPassesTheTestsUsedBelow() {
        ContractAgainst contract = new ContractAgainst(new ExampleWebhookParser());

        assertThatCode(contract::aChangedBodyByteIsRejected).doesNotThrowAnyException();
        assertThatCode(contract::aRedeliveryIsADuplicate).doesNotThrowAnyException();
        assertThatCode(() -> contract.hostileHeadersAndBodiesAlwaysGetAnAnswer(Headers.of("X-Example-Delivery", "1"), utf8("{}")))
                .doesNotThrowAnyException();
    }

    @Test
    void aParserThatSkipsVerificationFails() {
        ContractAgainst contract = new ContractAgainst(new Broken() {
            @Override
            public void verify(WebhookRequest request, List<Secret> secrets) {
            }
        });

        assertThatThrownBy(contract::aChangedBodyByteIsRejected).isInstanceOf(AssertionError.class);
        assertThatThrownBy(contract::aMissingOrEmptySignatureIsRejected401).isInstanceOf(AssertionError.class);
        assertThatThrownBy(contract::aWrongSecretIsRejected401).isInstanceOf(AssertionError.class);
    }

    @Test
    void aParserThatRefusesGoodSignaturesFails() {
        ContractAgainst contract = new ContractAgainst(new Broken() {
            @Override
            public void verify(WebhookRequest request, List<Secret> secrets) {
                super.verify(request, secrets.subList(0, 1));
            }
        });

        assertThatCode(contract::everySignedSampleIsAcceptedOrIgnored).doesNotThrowAnyException();
        assertThatThrownBy(contract::anyOfSeveralSecretsMayMatch).isInstanceOf(AssertionError.class);
    }

    @Test
    void aParserThatThrowsOnUnknownEventsFailsWithItsExceptionAsTheCause() {
        ContractAgainst contract = new ContractAgainst(new Broken() {
            @Override
            public ParseResult parse(WebhookRequest request, Context context) {
                if (request.header(ExampleWebhookParser.EVENT_HEADER).orElse("").equals("sponsorship")) {
                    throw new IllegalArgumentException("no enum constant SPONSORSHIP");
                }
                return super.parse(request, context);
            }
        });

        assertThatThrownBy(contract::anUnknownEventIsAcceptedAsGenericOrIgnored)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed unexpectedly")
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aParserThatSwallowsUnreadableBodiesFails() {
        ContractAgainst contract = new ContractAgainst(new Broken() {
            @Override
            public ParseResult parse(WebhookRequest request, Context context) {
                try {
                    return super.parse(request, context);
                } catch (MalformedJsonException e) {
                    return ParseResult.ignored("could not read it");
                }
            }
        });

        assertThatThrownBy(contract::garbageBodiesAreRejectedAsMalformed).isInstanceOf(AssertionError.class);
        assertThatThrownBy(contract::truncatedJsonIsRejectedAsMalformed).isInstanceOf(AssertionError.class);
    }

    @Test
    void aParserWithUnstableDeliveryKeysFails() {
        ContractAgainst contract = new ContractAgainst(new Broken() {
            @Override
            public Optional<String> deliveryKey(WebhookRequest request) {
                return Optional.of(UUID.randomUUID().toString());
            }
        });

        assertThatThrownBy(contract::aRedeliveryIsADuplicate).isInstanceOf(AssertionError.class);
    }

    @Test
    void aParserThatTrustsItsHeadersFailsTheHostileHeadersProperty() {
        ContractAgainst contract = new ContractAgainst(new Broken() {
            @Override
            public ParseResult parse(WebhookRequest request, Context context) {
                request.header(ExampleWebhookParser.EVENT_HEADER).orElseThrow();
                return super.parse(request, context);
            }
        });

        assertThatThrownBy(() -> contract.hostileHeadersAndBodiesAlwaysGetAnAnswer(Headers.of("X-Example-Delivery", "1"), utf8("{}")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed unexpectedly");
    }

    @Test
    void aParserThatChokesOnOddBytesFailsTheMutationProperty() {
        ContractAgainst contract = new ContractAgainst(new Broken() {
            @Override
            public ParseResult parse(WebhookRequest request, Context context) {
                String text = new String(request.body(), StandardCharsets.UTF_8);
                if (text.contains("\uFFFD")) {
                    throw new IllegalStateException("cannot decode");
                }
                return super.parse(request, context);
            }
        });
        byte[] body = utf8("{\"repository\":{\"full_name\":\"a/b\"},\"ref\":\"refs/heads/x\"}");
        body[2] = (byte) 0xC3;

        assertThatThrownBy(() -> contract.correctlySignedMutationsOfSamplesNeverBreakTheParser(
                WebhookParserContract.Sample.of("push", body))).isInstanceOf(AssertionError.class);
    }

    @Test
    void aParserThatRecognisesEverythingFails() {
        ContractAgainst contract = new ContractAgainst(new Broken() {
            @Override
            public boolean recognises(WebhookRequest request) {
                return true;
            }
        });

        assertThatThrownBy(contract::recognisesItsOwnDeliveriesAndNotEmptyOnes).isInstanceOf(AssertionError.class);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The example parser, with one method to break at a time. */
    private static class Broken implements WebhookParser {
        private final ExampleWebhookParser delegate = new ExampleWebhookParser();

        @Override
        public Provider provider() {
            return delegate.provider();
        }

        @Override
        public boolean recognises(WebhookRequest request) {
            return delegate.recognises(request);
        }

        @Override
        public void verify(WebhookRequest request, List<Secret> secrets) {
            delegate.verify(request, secrets);
        }

        @Override
        public Optional<String> deliveryKey(WebhookRequest request) {
            return delegate.deliveryKey(request);
        }

        @Override
        public ParseResult parse(WebhookRequest request, Context context) {
            return delegate.parse(request, context);
        }
    }

    /** The contract with the example's samples, against any parser; run by hand, not discovered. */
    private static final class ContractAgainst extends WebhookParserContract {
        private final WebhookParser parser;
        private final ExampleWebhookParserContractTest example = new ExampleWebhookParserContractTest();

        ContractAgainst(WebhookParser parser) {
            this.parser = parser;
        }

        @Override
        protected WebhookParser parser() {
            return parser;
        }

        @Override
        protected Secret secret() {
            return example.secret();
        }

        @Override
        protected WebhookRequest signed(byte[] body, String eventName) {
            return example.signed(body, eventName);
        }

        @Override
        protected List<Sample> samples() {
            return example.samples();
        }

        @Override
        protected String unknownEventName() {
            return example.unknownEventName();
        }

        @Override
        protected Optional<String> signatureHeader() {
            return example.signatureHeader();
        }
    }
}
