package io.taskq.listener;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.ArrayType;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.util.TokenBuffer;

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
 * </ul>
 * Everything else is Jackson's defaults. A refused value fails the conversion with a Jackson exception, which
 * the worker reports as invalid arguments.
 */
public final class TaskArgumentRules {

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
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.addModule(exactNumbers);
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
