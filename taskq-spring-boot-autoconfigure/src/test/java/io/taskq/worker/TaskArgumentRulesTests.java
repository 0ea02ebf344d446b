package io.taskq.worker;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link TaskArgumentRules} lets through from message JSON to parameter types, and what it refuses.
 */
class TaskArgumentRulesTests {

	/** Parses as the codec does: plain Jackson defaults. */
	private static final JsonMapper PLAIN = JsonMapper.builder().build();

	private final JsonMapper mapper = TaskArgumentRules.applyTo(JsonMapper.builder()).build();

	static Stream<Arguments> refused() {
		return Stream.of(
				// a floating-point number into an integer type, 2.0 included: Python's 2.0 is a float
				refuse("0.5", int.class), refuse("0.5", long.class), refuse("0.5", short.class),
				refuse("0.5", byte.class), refuse("0.5", Integer.class), refuse("0.5", Long.class),
				refuse("0.5", BigInteger.class), refuse("2.0", int.class), refuse("2.0", Long.class),
				refuse("2.0", BigInteger.class), refuse("1e2", long.class),
				// an integer that overflows its type
				refuse("2147483648", int.class), refuse("-2147483649", Integer.class),
				refuse("9223372036854775808", long.class), refuse("9223372036854775808", Long.class),
				refuse("32768", short.class), refuse("128", byte.class), refuse("200", Byte.class),
				refuse("255", byte.class), refuse("-129", byte.class),
				// an integer that a double or float cannot hold exactly
				refuse("9007199254740993", double.class), refuse("9007199254740993", Double.class),
				refuse("1180591620717411303425", double.class), refuse("16777217", float.class),
				refuse("16777217", Float.class),
				// a floating-point number out of a float's range
				refuse("1e300", float.class), refuse("-1e300", Float.class), refuse("1e-50", float.class),
				// a string into a number or boolean
				refuse("\"3\"", int.class), refuse("\"3\"", Long.class), refuse("\"3\"", double.class),
				refuse("\"3.5\"", Double.class), refuse("\"3\"", BigDecimal.class),
				refuse("\"3\"", BigInteger.class), refuse("\"3\"", Number.class), refuse("\"\"", Integer.class),
				refuse("\"true\"", boolean.class), refuse("\"true\"", Boolean.class),
				// a number or boolean into a string
				refuse("3", String.class), refuse("3.5", String.class), refuse("true", String.class),
				// booleans into boolean only, numbers into enums never
				refuse("1", boolean.class), refuse("0", Boolean.class), refuse("true", int.class),
				refuse("true", Number.class), refuse("0", Color.class), refuse("\"0\"", Color.class),
				// null into a primitive, at any depth
				refuse("null", int.class), refuse("null", double.class),
				refuse("{\"name\": \"a\", \"size\": null}", Item.class),
				// a property the type does not have: dropping it would change the caller's data
				refuse("{\"name\": \"a\", \"size\": 2, \"colour\": \"red\"}", Item.class),
				// at every depth
				refuse("[1, 2.5]", new TypeReference<List<Integer>>() { }),
				refuse("{\"k\": 0.5}", new TypeReference<Map<String, Long>>() { }),
				refuse("{\"k\": [\"3\"]}", new TypeReference<Map<String, List<Long>>>() { }),
				refuse("{\"name\": \"a\", \"size\": 2.5}", Item.class),
				refuse("{\"name\": 3, \"size\": 2}", Item.class), refuse("{\"name\": \"a\"}", Item.class),
				refuse("[4294967296]", new TypeReference<List<Integer>>() { }),
				refuse("[1.5]", int[].class), refuse("[200]", byte[].class),
				refuse("[9007199254740993]", double[].class), refuse("[16777217]", float[].class),
				refuse("[[9007199254740993]]", double[][].class),
				refuse("[9007199254740993]", new TypeReference<List<Double>>() { }),
				refuse("0.5", new TypeReference<Optional<Long>>() { }));
	}

	static Stream<Arguments> accepted() {
		return Stream.of(
				// integers into any integer type that holds them, big ones into BigInteger exactly
				accept("2147483647", int.class, 2147483647), accept("-128", byte.class, (byte) -128),
				accept("127", Byte.class, (byte) 127), accept("32767", short.class, (short) 32767),
				accept("9223372036854775807", long.class, Long.MAX_VALUE),
				accept("1180591620717411303425", BigInteger.class, BigInteger.TWO.pow(70).add(BigInteger.ONE)),
				// integers into double, float and BigDecimal, when they hold them exactly
				accept("3", double.class, 3.0), accept("3", Double.class, 3.0), accept("3", float.class, 3.0f),
				accept("3", BigDecimal.class, new BigDecimal("3")),
				accept("9007199254740992", double.class, 9007199254740992.0),
				accept("1180591620717411303424", double.class, Math.pow(2, 70)),
				accept("1180591620717411303425", BigDecimal.class,
						new BigDecimal(BigInteger.TWO.pow(70).add(BigInteger.ONE))),
				// floating-point numbers into double, BigDecimal, and float to its precision
				accept("0.1", double.class, 0.1), accept("0.1", BigDecimal.class, new BigDecimal("0.1")),
				accept("0.1", Float.class, 0.1f), accept("1e300", double.class, 1e300),
				// JSON numbers into Number and Object, exactly
				accept("3", Number.class, 3), accept("0.5", Number.class, 0.5),
				accept("1180591620717411303424", Number.class, BigInteger.TWO.pow(70)),
				accept("1180591620717411303424", Object.class, BigInteger.TWO.pow(70)),
				accept("\"3\"", Object.class, "3"),
				// the non-finite doubles Jackson writes as strings
				accept("\"NaN\"", double.class, Double.NaN), accept("\"-Infinity\"", Double.class,
						Double.NEGATIVE_INFINITY),
				// strings into strings, enums and the types written as strings
				accept("\"x\"", String.class, "x"), accept("\"RED\"", Color.class, Color.RED),
				accept("\"01234567-89ab-cdef-0123-456789abcdef\"", UUID.class,
						UUID.fromString("01234567-89ab-cdef-0123-456789abcdef")),
				accept("\"2030-01-01T00:00:00Z\"", Instant.class, Instant.parse("2030-01-01T00:00:00Z")),
				accept("\"aGk=\"", byte[].class, new byte[] { 'h', 'i' }),
				accept("true", boolean.class, true),
				// at every depth
				accept("[1, -128, 127]", byte[].class, new byte[] { 1, -128, 127 }),
				accept("[1, 2.5]", double[].class, new double[] { 1, 2.5 }),
				accept("{\"name\": \"a\", \"size\": 2}", Item.class, new Item("a", 2)),
				accept("{\"k\": [1, 2]}", new TypeReference<Map<String, List<Long>>>() { }, Map.of("k", List.of(1L, 2L))),
				accept("3", new TypeReference<Optional<Double>>() { }, Optional.of(3.0)));
	}

	@ParameterizedTest(name = "{0} into {1}")
	@MethodSource
	void refused(String json, Type type) {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> convert(this.mapper, json, type));
	}

	@ParameterizedTest(name = "{0} into {1}")
	@MethodSource
	void accepted(String json, Type type, Object expected) {
		assertThat(convert(this.mapper, json, type)).isEqualTo(expected);
	}

	@Test
	void modulesAddedAfterTheRulesKeepThem() {
		SimpleModule module = new SimpleModule("custom");
		module.addDeserializer(Item.class, new StdDeserializer<Item>(Item.class) {

			@Override
			public Item deserialize(JsonParser p, DeserializationContext ctxt) {
				return new Item(p.getString(), 0);
			}

		});
		JsonMapper customised = TaskArgumentRules.applyTo(JsonMapper.builder()).addModule(module).build();
		assertThat(convert(customised, "\"a\"", Item.class)).isEqualTo(new Item("a", 0));
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> convert(customised, "[0.5]", new TypeReference<List<Long>>() { }.getType()));
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> convert(customised, "9007199254740993", double.class));
	}

	private static Object convert(JsonMapper mapper, String json, Type type) {
		JavaType javaType = mapper.constructType(type);
		return mapper.convertValue(PLAIN.readTree(json), javaType);
	}

	private static Arguments refuse(String json, Type type) {
		return Arguments.of(json, type);
	}

	private static Arguments refuse(String json, TypeReference<?> type) {
		return Arguments.of(json, type.getType());
	}

	private static Arguments accept(String json, Type type, Object expected) {
		return Arguments.of(json, type, expected);
	}

	private static Arguments accept(String json, TypeReference<?> type, Object expected) {
		return Arguments.of(json, type.getType(), expected);
	}

	enum Color {

		RED, GREEN

	}

	record Item(String name, int size) {
	}

}
