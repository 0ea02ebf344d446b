package io.taskq.protocol;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

import io.taskq.broker.rabbit.AmqpWireMessages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every task message captured from Celery 5.2.6 ({@code celery-golden/messages-celery-5.2.6.json}) decodes to
 * exactly what Celery sent, and encodes back to the same headers, properties and body.
 */
class GoldenMessagesTests {

	private static final JsonNode GOLDEN = CeleryGolden.read("messages-celery-5.2.6.json");

	static Stream<Arguments> capturedMessages() {
		List<Arguments> messages = new ArrayList<>();
		GOLDEN.properties().forEach((entry) -> {
			for (int i = 0; i < entry.getValue().size(); i++) {
				messages.add(Arguments.of(entry.getKey() + "[" + i + "]", entry.getValue().get(i)));
			}
		});
		return messages.stream();
	}

	@Test
	void goldenFileHasEveryCase() {
		assertThat(GOLDEN.propertyNames()).containsExactlyInAnyOrder("plain_args",
				"kwargs_countdown_expires_priority_id", "chain", "group", "link_and_link_error", "chord");
		assertThat(capturedMessages()).hasSize(9);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("capturedMessages")
	void decodesEveryField(String name, JsonNode captured) {
		JsonNode headers = captured.get("headers");
		JsonNode properties = captured.get("properties");
		JsonNode body = captured.get("body");
		JsonNode embed = body.get(2);
		TaskMessage message = codec(Clock.systemUTC()).decode(CeleryGolden.toWire(captured));
		assertThat(message.id()).isEqualTo(headers.get("id").stringValue());
		assertThat(message.task()).isEqualTo(headers.get("task").stringValue());
		assertThat(message.lang()).isEqualTo("py");
		assertThat(message.shadow()).isNull();
		assertThat(message.args()).isEqualTo(body.get(0));
		assertThat(message.kwargs()).isEqualTo(body.get(1));
		assertThat(message.eta()).isEqualTo(instant(headers.get("eta")));
		assertThat(message.expires()).isEqualTo(instant(headers.get("expires")));
		assertThat(message.retries()).isZero();
		assertThat(message.hardTimeLimit()).isNull();
		assertThat(message.softTimeLimit()).isNull();
		assertThat(message.rootId()).isEqualTo(headers.get("root_id").stringValue());
		assertThat(message.parentId()).isNull();
		assertThat(message.group()).isEqualTo(nullable(headers.get("group")));
		assertThat(message.groupIndex())
			.isEqualTo(headers.get("group_index").isNull() ? null : headers.get("group_index").intValue());
		assertThat(message.argsRepr()).isEqualTo(headers.get("argsrepr").stringValue());
		assertThat(message.kwargsRepr()).isEqualTo(headers.get("kwargsrepr").stringValue());
		assertThat(message.origin()).isEqualTo("gen15806@vm");
		assertThat(message.ignoreResult()).isFalse();
		assertThat(message.extraHeaders()).isEmpty();
		assertThat(message.priority()).isEqualTo(properties.get("priority").intValue());
		assertThat(message.replyTo()).isEqualTo("f68d4fde-a3cb-30b5-9f51-0192b7fd2072");
		assertThat(message.callbacks()).isEqualTo(nonNull(embed.get("callbacks")));
		assertThat(message.errbacks()).isEqualTo(nonNull(embed.get("errbacks")));
		assertThat(message.chain()).isEqualTo(nonNull(embed.get("chain")));
		assertThat(message.chord()).isEqualTo(nonNull(embed.get("chord")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("capturedMessages")
	void reencodesToWhatCelerySent(String name, JsonNode captured) {
		JsonNode headers = captured.get("headers");
		Clock sentAt = sentAt(headers);
		TaskMessage message = codec(sentAt).decode(CeleryGolden.toWire(captured));
		WireMessage encoded = codec(sentAt).encode(message);
		assertThat(CeleryGolden.plain(encoded.headers())).isEqualTo(headers);
		JsonNode capturedProperties = captured.get("properties");
		assertThat(encoded.contentType()).isEqualTo(capturedProperties.get("content_type").stringValue());
		assertThat(encoded.contentEncoding()).isEqualTo(capturedProperties.get("content_encoding").stringValue());
		assertThat(encoded.priority()).isEqualTo(capturedProperties.get("priority").intValue());
		assertThat(encoded.correlationId()).isEqualTo(capturedProperties.get("correlation_id").stringValue());
		assertThat(encoded.replyTo()).isEqualTo(capturedProperties.get("reply_to").stringValue());
		assertThat(encoded.expiration()).isEqualTo(nullable(capturedProperties.get("expiration")));
		assertThat(CeleryGolden.JSON.readTree(encoded.body())).isEqualTo(captured.get("body"));
		MessageProperties published = AmqpWireMessages.toAmqp(encoded).getMessageProperties();
		assertThat(published.getDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
		assertThat(CeleryGolden.plain(published.getHeaders())).isEqualTo(headers);
	}

	@Test
	void countdownExpiresAndPriority() {
		TaskMessage message = decodeFirst("kwargs_countdown_expires_priority_id");
		assertThat(message.id()).isEqualTo("11111111-2222-3333-4444-555555555555");
		assertThat(message.eta()).isEqualTo(Instant.parse("2026-11-24T13:24:53.115914Z"));
		assertThat(message.expires()).isEqualTo(Instant.parse("2026-11-24T13:25:43.115914Z"));
		assertThat(message.priority()).isEqualTo(5);
		assertThat(message.args()).isEmpty();
		assertThat(message.kwargs().get("a").intValue()).isEqualTo(2);
		assertThat(message.kwargs().get("b").intValue()).isEqualTo(3);
	}

	@Test
	void chainIsKeptInReverseOrder() {
		TaskMessage message = decodeFirst("chain");
		assertThat(message.chain()).hasSize(2);
		JsonNode next = message.chain().get(message.chain().size() - 1);
		assertThat(next.get("task").stringValue()).isEqualTo("tasks.add");
		assertThat(next.get("args").get(0).intValue()).isEqualTo(4);
		assertThat(next.get("options").get("task_id").stringValue())
			.isEqualTo("8b9e5dad-ad8b-4dc2-b5fb-fe7a945bc021");
		assertThat(message.chain().get(0).get("task").stringValue()).isEqualTo("tasks.mul");
	}

	@Test
	void groupAndChordMembership() {
		JsonNode group = GOLDEN.get("group");
		for (int i = 0; i < group.size(); i++) {
			TaskMessage member = codec(Clock.systemUTC()).decode(CeleryGolden.toWire(group.get(i)));
			assertThat(member.group()).isEqualTo("fac6a1ad-ebf4-414f-8e44-884393bae362");
			assertThat(member.groupIndex()).isNull();
			assertThat(member.args().get(0).intValue()).isEqualTo(i);
		}
		JsonNode chord = GOLDEN.get("chord");
		for (int i = 0; i < chord.size(); i++) {
			TaskMessage header = codec(Clock.systemUTC()).decode(CeleryGolden.toWire(chord.get(i)));
			assertThat(header.group()).isEqualTo("ee0b24e8-0329-4802-9f01-932010b5a183");
			assertThat(header.groupIndex()).isEqualTo(i);
			assertThat(header.chord().get("task").stringValue()).isEqualTo("tasks.xsum");
			assertThat(header.chord().get("options").get("task_id").stringValue())
				.isEqualTo("dd750992-424f-45fe-b4a3-c575b45171c5");
		}
	}

	@Test
	void linkAndLinkError() {
		TaskMessage message = decodeFirst("link_and_link_error");
		assertThat(message.callbacks()).hasSize(1);
		assertThat(message.callbacks().get(0).get("task").stringValue()).isEqualTo("tasks.log");
		assertThat(message.errbacks().get(0).get("task").stringValue()).isEqualTo("tasks.on_error");
		assertThat(message.errbacks().get(0).get("immutable").booleanValue()).isFalse();
		assertThat(message.chain()).isNull();
		assertThat(message.chord()).isNull();
	}

	private static TaskMessage decodeFirst(String name) {
		return codec(Clock.systemUTC()).decode(CeleryGolden.toWire(GOLDEN.get(name).get(0)));
	}

	/**
	 * The moment the message was published: its {@code expires} minus the lifetime in its {@code expiration}.
	 */
	private static Clock sentAt(JsonNode headers) {
		Instant expires = instant(headers.get("expires"));
		return Clock.fixed((expires != null) ? expires.minusSeconds(60) : Instant.now(), ZoneOffset.UTC);
	}

	static TaskMessageCodec codec(Clock clock) {
		return new TaskMessageCodec(CeleryGolden.JSON, clock);
	}

	private static @Nullable Instant instant(JsonNode value) {
		return value.isNull() ? null : CeleryTime.parse(value.stringValue()).toInstant();
	}

	private static @Nullable String nullable(@Nullable JsonNode value) {
		return (value == null || value.isNull()) ? null : value.stringValue();
	}

	private static @Nullable JsonNode nonNull(JsonNode value) {
		return value.isNull() ? null : value;
	}

}
