package io.taskq.worker;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.StringNode;
import tools.jackson.databind.type.ArrayType;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.util.TokenBuffer;

import org.springframework.util.ClassUtils;

/**
 * taskq's rules for binding a task message's JSON arguments to handler parameters: no conversion that changes
 * the caller's data, at any depth (a parameter, a list element, a map value, a record component).
 * <ul>
 * <li>A floating-point number never goes into an integer type ({@code byte} to {@code long}, their wrappers,
 * {@code BigInteger}), not even {@code 2.0}: Python's {@code 2.0} is a float.</li>
 * <li>An integer goes into an integer type only if it fits (a {@code byte} is -128 to 127), into {@code float}
 * or {@code double} only if they hold it exactly; into {@code BigInteger}, {@code BigDecimal}, {@code Number}
 * and {@code Object} always, exactly. A floating-point number goes into {@code double}, {@code BigDecimal},
 * {@code Number} and {@code Object} as the double it is, and into {@code float} rounded to a float's precision,
 * unless out of a float's range.</li>
 * <li>Strings go into strings (and types written as strings: enums by name, {@code UUID}, {@code java.time}
 * types, base64 {@code byte[]}), never into numbers or booleans; numbers and booleans never into strings;
 * booleans into booleans only; numbers never into enums. The strings {@code "NaN"}, {@code "Infinity"} and
 * {@code "-Infinity"} go into {@code double} and {@code float}: Jackson writes non-finite doubles that way.</li>
 * <li>{@code null} never goes into a primitive, and an object with a property its type does not have is refused
 * rather than bound without it.</li>
 * </ul>
 * Everything else is Jackson's defaults. A refused value fails the conversion with a Jackson exception, which
 * the worker reports as invalid arguments.
 */
public final class TaskArgumentRules {

	private static final Set<Class<?>> INTEGER_TYPES = Set.of(Byte.class, Short.class, Integer.class, Long.class,
			BigInteger.class);

	private TaskArgumentRules() {
	}

	/**
	 * Apply taskq's argument-binding rules to a mapper builder. Apply them last: modules added later keep the
	 * rules (their deserializers of numbers included), but a later change of the coercion settings would not.
	 * @param builder the builder
	 * @return the builder
	 */
	public static JsonMapper.Builder applyTo(JsonMapper.Builder builder) {
		SimpleModule exactNumbers = new SimpleModule("taskq-exact-numbers");
		exactNumbers.setDeserializerModifier(new ExactNumbers());
		return builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.addModule(exactNumbers);
	}

	/**
	 * Say why a JSON argument did not convert to its parameter type: the rule it broke, or Jackson's own
	 * message, and where, for a value inside it.
	 * @param argument the argument
	 * @param type the parameter type
	 * @param ex what the conversion threw
	 * @return for example {@code cannot convert 0.5 to long (floating-point number into an integer type)} or
	 * {@code cannot convert [1,2.5] to java.util.List<java.lang.Integer> (at [1]: floating-point number 2.5 into
	 * an integer type)}
	 */
	static String explain(JsonNode argument, JavaType type, RuntimeException ex) {
		JsonNode value = argument;
		StringBuilder location = new StringBuilder();
		if (ex instanceof JacksonException jackson) {
			for (JacksonException.Reference reference : jackson.getPath()) {
				if (reference.getPropertyName() != null) {
					value = value.path(reference.getPropertyName());
					location.append('[').append(StringNode.valueOf(reference.getPropertyName())).append(']');
				}
				else if (reference.getIndex() >= 0) {
					value = value.path(reference.getIndex());
					location.append('[').append(reference.getIndex()).append(']');
				}
			}
		}
		Class<?> target = (ex instanceof MismatchedInputException mismatch) ? mismatch.getTargetType()
				: (ex instanceof InputCoercionException coercion) ? coercion.getTargetType() : null;
		String reason = (target != null) ? brokenRule(value, target, !location.isEmpty()) : null;
		if (reason == null) {
			reason = (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : ex.getMessage();
		}
		return String.format("cannot convert %s to %s (%s%s)", abbreviate(argument), type.toCanonical(),
				location.isEmpty() ? "" : "at " + location + ": ", reason);
	}

	private static @Nullable String brokenRule(JsonNode value, Class<?> target, boolean nested) {
		String name = target.getSimpleName();
		if (value.isMissingNode() || value.isNull()) {
			return !target.isPrimitive() ? null : value.isNull() ? "null into " + name : "no value for " + name;
		}
		String given = kind(value) + (nested ? " " + abbreviate(value) : "");
		Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(target);
		if (INTEGER_TYPES.contains(type)) {
			return value.isIntegralNumber() ? given + " out of range of " + name : given + " into an integer type";
		}
		if (type == Float.class || type == Double.class) {
			return value.isIntegralNumber() ? given + " not exactly representable as " + name
					: value.isNumber() ? given + " out of range of " + name : given + " into a number type";
		}
		if (Number.class.isAssignableFrom(type)) {
			return value.isNumber() ? null : given + " into a number type";
		}
		if (type == Boolean.class) {
			return value.isBoolean() ? null : given + " into a boolean type";
		}
		if (type == String.class) {
			return value.isString() ? null : given + " into a string type";
		}
		if (type.isEnum()) {
			return value.isString() ? null : given + " into an enum type";
		}
		return null;
	}

	private static String kind(JsonNode value) {
		if (value.isIntegralNumber()) {
			return "integer";
		}
		if (value.isNumber()) {
			return "floating-point number";
		}
		return value.getNodeType().name().toLowerCase(Locale.ROOT);
	}

	private static String abbreviate(JsonNode value) {
		String json = value.toString();
		return (json.length() > 100) ? json.substring(0, 100) + "..." : json;
	}

	/**
	 * Guards the deserializers of {@code byte}, {@code float} and {@code double} (primitive, wrapper and
	 * primitive array), which Jackson lets round or wrap around.
	 */
	private static final class ExactNumbers extends ValueDeserializerModifier {

		@Override
		public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
				BeanDescription.Supplier beanDescRef, ValueDeserializer<?> deserializer) {
			Class<?> type = primitive(beanDescRef.getType().getRawClass());
			return (type != null) ? new ExactNumberDeserializer(deserializer, type, false) : deserializer;
		}

		@Override
		public ValueDeserializer<?> modifyArrayDeserializer(DeserializationConfig config, ArrayType valueType,
				BeanDescription.Supplier beanDescRef, ValueDeserializer<?> deserializer) {
			Class<?> element = valueType.getContentType().getRawClass();
			return (element.isPrimitive() && primitive(element) != null)
					? new ExactNumberDeserializer(deserializer, element, true) : deserializer;
		}

		private static @Nullable Class<?> primitive(Class<?> type) {
			if (type == byte.class || type == Byte.class) {
				return byte.class;
			}
			if (type == float.class || type == Float.class) {
				return float.class;
			}
			if (type == double.class || type == Double.class) {
				return double.class;
			}
			return null;
		}

	}

	/**
	 * Refuses a number that its {@code byte}, {@code float} or {@code double} target would not hold, before
	 * Jackson's own deserializer converts it; for a primitive array, checks each element first.
	 */
	private static final class ExactNumberDeserializer extends DelegatingDeserializer {

		private static final BigInteger BYTE_MIN = BigInteger.valueOf(Byte.MIN_VALUE);

		private static final BigInteger BYTE_MAX = BigInteger.valueOf(Byte.MAX_VALUE);

		private final Class<?> type;

		private final boolean array;

		ExactNumberDeserializer(ValueDeserializer<?> delegate, Class<?> type, boolean array) {
			super(delegate);
			this.type = type;
			this.array = array;
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new ExactNumberDeserializer(delegate, this.type, this.array);
		}

		@Override
		public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
			if (!this.array) {
				check(p, ctxt);
				return super.deserialize(p, ctxt);
			}
			if (!p.isExpectedStartArrayToken()) {
				return super.deserialize(p, ctxt);
			}
			TokenBuffer elements = ctxt.bufferAsCopyOfValue(p);
			try (JsonParser scan = elements.asParserOnFirstToken(ctxt, p)) {
				for (int index = 0; scan.nextToken() != JsonToken.END_ARRAY; index++) {
					try {
						check(scan, ctxt);
					}
					catch (JacksonException ex) {
						throw ex.prependPath(handledType(), index);
					}
					scan.skipChildren();
				}
			}
			try (JsonParser replay = elements.asParserOnFirstToken(ctxt, p)) {
				return super.deserialize(replay, ctxt);
			}
		}

		private void check(JsonParser p, DeserializationContext ctxt) {
			JsonToken token = p.currentToken();
			if (token == JsonToken.VALUE_NUMBER_INT) {
				BigInteger value = p.getBigIntegerValue();
				boolean fits = (this.type == byte.class)
						? value.compareTo(BYTE_MIN) >= 0 && value.compareTo(BYTE_MAX) <= 0
						: holds((this.type == float.class) ? value.floatValue() : value.doubleValue(), value);
				if (!fits) {
					throw ctxt.weirdNumberException(value, this.type, "does not fit exactly");
				}
			}
			else if (token == JsonToken.VALUE_NUMBER_FLOAT && this.type == float.class) {
				double value = p.getDoubleValue();
				float rounded = (float) value;
				if (Float.isInfinite(rounded) && !Double.isInfinite(value) || rounded == 0 && value != 0) {
					throw ctxt.weirdNumberException(value, this.type, "out of the range of float");
				}
			}
		}

		private static boolean holds(double converted, BigInteger value) {
			return Double.isFinite(converted) && new BigDecimal(converted).toBigInteger().equals(value);
		}

	}

}
