/**
 * jqwik arbitraries over JSON documents: {@link io.cikit.testkit.json.JsonMutations} keeps a document valid JSON and
 * breaks its shape, which is what a tolerant payload parser must survive.
 */
@NullMarked
package io.cikit.testkit.json;

import org.jspecify.annotations.NullMarked;
