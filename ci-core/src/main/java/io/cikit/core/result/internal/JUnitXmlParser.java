package io.cikit.core.result.internal;

import io.cikit.core.result.Measurement;
import io.cikit.core.result.ResultFormat;
import io.cikit.core.result.ResultFormatException;
import io.cikit.core.result.ResultLimits;
import io.cikit.core.result.TestResult;
import io.cikit.core.result.TestResults;
import io.cikit.core.result.TestStatus;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads JUnit XML ({@code testsuites}/{@code testsuite}/{@code testcase} with {@code failure}, {@code error},
 * {@code skipped}, {@code time} and {@code properties}) with a streaming StAX reader.
 *
 * <p>Hostile XML is refused: a DOCTYPE of any kind is rejected before anything in it is read, so there are no
 * external entities, no DTD fetches and no entity expansion (billion laughs); the JDK's own StAX implementation is
 * used, never whatever provider the class path brings.
 */
public final class JUnitXmlParser {
    private final ResultLimits limits;

    public JUnitXmlParser(ResultLimits limits) {
        this.limits = limits;
    }

    // a factory per document: XMLInputFactory promises no thread safety, and making one costs microseconds
    private static XMLInputFactory hardenedFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    public TestResults parse(InputStream in) {
        BoundedInputStream bounded = new BoundedInputStream(in, limits.maxBytes());
        List<TestResult> out = new ArrayList<>();
        XMLStreamReader r = null;
        try {
            r = hardenedFactory().createXMLStreamReader(bounded);
            read(r, out);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof ResultFormatException rfe) {
                throw rfe;
            }
            if (bounded.exceeded()) {
                throw new ResultFormatException("JUnit XML is larger than the " + limits.maxBytes() + "-byte limit");
            }
            throw new ResultFormatException("malformed JUnit XML: " + e.getMessage(), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release
                }
            }
        }
        if (bounded.exceeded()) {
            throw new ResultFormatException("JUnit XML is larger than the " + limits.maxBytes() + "-byte limit");
        }
        return new TestResults(ResultFormat.JUNIT, out, false);
    }

    private void read(XMLStreamReader r, List<TestResult> out) throws XMLStreamException {
        Deque<String> suites = new ArrayDeque<>();
        int depth = 0;
        boolean sawRoot = false;
        @Nullable Case current = null;
        boolean inCaseProperties = false;
        @Nullable StringBuilder text = null;
        while (r.hasNext()) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.DTD -> throw new ResultFormatException(
                        "JUnit XML must not carry a DOCTYPE (DTDs and entities are refused)");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new ResultFormatException(
                        "JUnit XML must not reference entities: &" + r.getLocalName() + ";");
                case XMLStreamConstants.START_ELEMENT -> {
                    String name = r.getLocalName();
                    if (!sawRoot) {
                        sawRoot = true;
                        if (!name.equals("testsuites") && !name.equals("testsuite") && !name.equals("testcase")) {
                            throw new ResultFormatException("not JUnit XML: root element is <" + name + ">");
                        }
                    }
                    switch (name) {
                        case "testsuite" -> {
                            depth++;
                            if (depth <= limits.maxDepth()) {
                                suites.addLast(attr(r, "name").strip());
                            }
                        }
                        case "testcase" -> current = new Case(attr(r, "name").strip(), attr(r, "classname").strip(),
                                attr(r, "time"), attr(r, "file"), attr(r, "line"));
                        case "properties" -> inCaseProperties = current != null;
                        case "property" -> {
                            if (inCaseProperties && current != null) {
                                current.property(attr(r, "name"), attr(r, "value"));
                            }
                        }
                        case "failure", "error", "skipped" -> {
                            if (current != null) {
                                current.status = TestStatus.worst(current.status, switch (name) {
                                    case "failure" -> TestStatus.FAIL;
                                    case "error" -> TestStatus.ERROR;
                                    default -> TestStatus.SKIP;
                                });
                                current.append(attr(r, "message"));
                                String type = attr(r, "type");
                                if (!type.isEmpty()) {
                                    current.attributes.putIfAbsent("type", type);
                                }
                                text = new StringBuilder();
                            }
                        }
                        case "flakyFailure", "flakyError", "rerunFailure", "rerunError" -> {
                            if (current != null) {
                                current.attributes.put("flaky", "true");
                            }
                        }
                        default -> {
                            // system-out, system-err and unknown elements are skipped
                        }
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (text != null && text.length() < limits.maxMessageChars()) {
                        String chunk = r.getText();
                        text.append(chunk, 0, Math.min(chunk.length(), limits.maxMessageChars() - text.length()));
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    String name = r.getLocalName();
                    switch (name) {
                        case "testsuite" -> {
                            if (depth <= limits.maxDepth() && !suites.isEmpty()) {
                                suites.removeLast();
                            }
                            depth--;
                        }
                        case "testcase" -> {
                            if (current != null) {
                                out.add(current.toResult(suites, limits.maxMessageChars()));
                                current = null;
                                if (out.size() >= limits.maxResults()) {
                                    throw new ResultFormatException("JUnit XML holds more than "
                                            + limits.maxResults() + " test cases");
                                }
                            }
                        }
                        case "properties" -> inCaseProperties = false;
                        case "failure", "error", "skipped" -> {
                            if (current != null && text != null) {
                                current.append(text.toString().strip());
                            }
                            text = null;
                        }
                        default -> {
                        }
                    }
                }
                default -> {
                }
            }
        }
        if (!sawRoot) {
            throw new ResultFormatException("empty JUnit XML document");
        }
    }

    private static String attr(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        return v == null ? "" : v;
    }

    private static final class Case {
        final String name;
        final String classname;
        final String time;
        TestStatus status = TestStatus.PASS;
        final StringBuilder message = new StringBuilder();
        final Map<String, String> attributes = new LinkedHashMap<>();
        String measurement = "";
        String units = "";

        Case(String name, String classname, String time, String file, String line) {
            this.name = name;
            this.classname = classname;
            this.time = time;
            if (!classname.isEmpty()) {
                attributes.put("classname", classname);
            }
            if (!file.isEmpty()) {
                attributes.put("file", file);
            }
            if (!line.isEmpty()) {
                attributes.put("line", line);
            }
        }

        void property(String name, String value) {
            if (name.equals("measurement")) {
                measurement = value;
            } else if (name.equals("units") || name.equals("unit")) {
                units = value;
            } else if (attributes.size() < 64) {
                attributes.put("property." + name, value);
            }
        }

        void append(String s) {
            if (!s.isEmpty() && (message.length() == 0 || !message.toString().equals(s))) {
                if (message.length() > 0) {
                    message.append('\n');
                }
                message.append(s);
            }
        }

        TestResult toResult(Deque<String> suites, int maxMessageChars) {
            StringBuilder path = new StringBuilder();
            String innermost = "";
            for (String s : suites) {
                if (!s.isEmpty()) {
                    if (path.length() > 0) {
                        path.append('.');
                    }
                    path.append(s);
                    innermost = s;
                }
            }
            if (!classname.isEmpty() && !classname.equals(innermost) && !innermost.endsWith("." + classname)
                    && !innermost.endsWith("/" + classname)) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(classname);
            }
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(name.isEmpty() ? "unnamed" : name);
            String msg = message.length() > maxMessageChars ? message.substring(0, maxMessageChars) : message.toString();
            TestResult.Builder b = TestResult.builder(path.toString(), status).message(msg);
            Duration d = DiagnosticData.seconds(time).orElse(null);
            b.duration(d);
            DiagnosticData.number(measurement).ifPresent(v -> b.measurement(new Measurement(
                    name.isEmpty() ? "unnamed" : name, v, units)));
            attributes.forEach(b::attribute);
            return b.build();
        }
    }
}
