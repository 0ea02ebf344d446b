package io.taskq.worker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.util.ReflectionUtils;

import io.taskq.core.TaskContext;
import io.taskq.protocol.TaskMessage;

/**
 * Binds a task message's arguments to a handler method's parameters and invokes it, following Python's call
 * rules: positional {@code args} fill parameters in order, {@code kwargs} fill them by name, a parameter may
 * not get both, unknown keywords and surplus positional arguments are errors, and a missing argument is an
 * error unless the parameter is an {@link Optional}. Values are converted with Jackson to the declared
 * (generic) parameter types; the message never chooses a type, and with a mapper following
 * {@link TaskArgumentRules} no conversion changes the caller's data.
 */
public class TaskMethodInvoker {

	private final Object bean;

	private final Method method;

	private final ObjectMapper objectMapper;

	private final List<Slot> slots = new ArrayList<>();

	private final int argumentCount;

	/**
	 * Create an invoker.
	 * @param bean the bean to invoke the method on
	 * @param method the handler method
	 * @param objectMapper converts JSON values to parameter types (built with {@link TaskArgumentRules}) and the
	 * return value to JSON
	 */
	public TaskMethodInvoker(Object bean, Method method, ObjectMapper objectMapper) {
		this.bean = bean;
		this.method = method;
		this.objectMapper = objectMapper;
		ReflectionUtils.makeAccessible(method);
		int count = 0;
		for (Parameter parameter : method.getParameters()) {
			if (parameter.getType() == TaskContext.class) {
				this.slots.add(new Slot(null, null, false));
			}
			else {
				String name = parameter.isNamePresent() ? parameter.getName() : null;
				this.slots.add(new Slot(name, objectMapper.constructType(parameter.getParameterizedType()),
						parameter.getType() == Optional.class));
				count++;
			}
		}
		this.argumentCount = count;
	}

	/**
	 * Bind the message's arguments and invoke the handler.
	 * @param message the task message
	 * @param context the task context
	 * @return the handler's return value as JSON, or {@code null} for {@code void} and {@code null} returns
	 * @throws TaskArgumentException if the arguments do not fit the handler
	 * @throws Exception what the handler throws
	 */
	public @Nullable JsonNode invoke(TaskMessage message, TaskContext context) throws Exception {
		Object[] values = bind(message, context);
		Object returned;
		try {
			returned = this.method.invoke(this.bean, values);
		}
		catch (InvocationTargetException ex) {
			Throwable target = ex.getTargetException();
			if (target instanceof Exception exception) {
				throw exception;
			}
			throw (Error) target;
		}
		return (returned != null) ? this.objectMapper.valueToTree(returned) : null;
	}

	/**
	 * Bind the message's arguments as {@link #invoke} would, without invoking the handler.
	 * @param message the task message
	 * @return the converted arguments by parameter name ({@code p0}, {@code p1}, ... without {@code -parameters}),
	 * in parameter order, the {@link TaskContext} parameter left out
	 * @throws TaskArgumentException if the arguments do not fit the handler
	 */
	public Map<String, @Nullable Object> arguments(TaskMessage message) {
		Object[] values = bind(message, null);
		Map<String, @Nullable Object> arguments = new LinkedHashMap<>();
		int position = 0;
		for (int i = 0; i < this.slots.size(); i++) {
			Slot slot = this.slots.get(i);
			if (slot.type() != null) {
				arguments.put((slot.name() != null) ? slot.name() : "p" + position, values[i]);
				position++;
			}
		}
		return arguments;
	}

	private @Nullable Object[] bind(TaskMessage message, @Nullable TaskContext context) {
		List<JsonNode> args = new ArrayList<>();
		message.args().forEach(args::add);
		if (args.size() > this.argumentCount) {
			throw new TaskArgumentException(String.format("Task '%s' takes %d argument(s) but %d positional were given",
					message.task(), this.argumentCount, args.size()), null);
		}
		Set<String> unused = new HashSet<>();
		for (Map.Entry<String, JsonNode> entry : message.kwargs().properties()) {
			unused.add(entry.getKey());
		}
		Object[] values = new Object[this.slots.size()];
		int position = 0;
		for (int i = 0; i < this.slots.size(); i++) {
			Slot slot = this.slots.get(i);
			if (slot.type() == null) {
				values[i] = context;
				continue;
			}
			String label = (slot.name() != null) ? "'" + slot.name() + "'" : "#" + (position + 1);
			JsonNode keyword = (slot.name() != null) ? message.kwargs().get(slot.name()) : null;
			JsonNode value;
			if (position < args.size()) {
				if (keyword != null) {
					throw new TaskArgumentException(String.format("Task '%s' got multiple values for argument %s",
							message.task(), label), null);
				}
				value = args.get(position);
			}
			else if (keyword != null) {
				value = keyword;
			}
			else if (slot.optional()) {
				value = null;
			}
			else {
				throw new TaskArgumentException(String.format("Task '%s' is missing required argument %s%s",
						message.task(), label, (slot.name() == null && !message.kwargs().isEmpty())
								? " (compile with -parameters to bind keyword arguments)" : ""),
						null);
			}
			if (slot.name() != null) {
				unused.remove(slot.name());
			}
			values[i] = convert(message, slot, label, value);
			position++;
		}
		if (!unused.isEmpty()) {
			throw new TaskArgumentException(String.format("Task '%s' got unexpected keyword argument(s) %s",
					message.task(), unused), null);
		}
		return values;
	}

	private @Nullable Object convert(TaskMessage message, Slot slot, String label, @Nullable JsonNode value) {
		JavaType type = slot.type();
		if (value == null) {
			return Optional.empty();
		}
		if (value.isNull() && type.isPrimitive()) {
			throw new TaskArgumentException(String.format("Task '%s' argument %s of type %s cannot be null",
					message.task(), label, type.getRawClass().getName()), null);
		}
		try {
			return this.objectMapper.convertValue(value, type);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new TaskArgumentException(String.format("Task '%s' argument %s: %s", message.task(), label,
					TaskArgumentRules.explain(value, type, ex)), ex);
		}
	}

	private record Slot(@Nullable String name, @Nullable JavaType type, boolean optional) {
	}

}
