package io.taskq.broker.rabbit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ReturnListener;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.mockito.stubbing.Answer;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

import io.taskq.broker.TaskPublishException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.RETURNS_DEFAULTS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

/**
 * How the publisher reads the broker's answer to a mandatory publish, whatever the order of the
 * {@code basic.return} and the confirm. The broker is a {@link Broker fake channel} that delivers its frames
 * as late as AMQP allows: a confirm when the publisher waits for it, and anything else only before the reply to
 * a later synchronous method, so a return sent after the confirm is missed unless the publisher asks for it.
 */
class TaskPublisherTests {

	private final Broker broker = new Broker();

	private final TaskPublisher publisher = new TaskPublisher(this.broker.connectionFactory(), Duration.ofSeconds(5),
			false);

	@Test
	void aConfirmedMessagePublishesWithoutAnotherRoundTrip() {
		this.broker.answer(Frame.ACK);
		assertThatNoException().isThrownBy(this::publish);
		assertThat(this.broker.roundTripsAfterPublish).isZero();
	}

	@Test
	void aReturnBeforeTheAckIsUnroutable() {
		// RabbitMQ's order.
		this.broker.answer(Frame.RETURN, Frame.ACK);
		assertThatExceptionOfType(TaskPublisher.UnroutableTaskException.class).isThrownBy(this::publish)
			.satisfies((ex) -> assertThat(ex.getQueue()).isEqualTo("missing"));
	}

	@Test
	void aReturnBeforeTheNackIsUnroutable() {
		this.broker.answer(Frame.RETURN, Frame.NACK);
		assertThatExceptionOfType(TaskPublisher.UnroutableTaskException.class).isThrownBy(this::publish)
			.satisfies((ex) -> assertThat(ex.getQueue()).isEqualTo("missing"));
	}

	@Test
	void aNackBeforeTheReturnIsUnroutable() {
		// Apache Qpid Broker-J's order.
		this.broker.answer(Frame.NACK, Frame.RETURN);
		assertThatExceptionOfType(TaskPublisher.UnroutableTaskException.class).isThrownBy(this::publish)
			.satisfies((ex) -> assertThat(ex.getQueue()).isEqualTo("missing"));
	}

	@Test
	void aNackWithoutReturnIsARejection() {
		this.broker.answer(Frame.NACK);
		assertThatExceptionOfType(TaskPublishException.class).isThrownBy(this::publish)
			.isNotInstanceOf(TaskPublisher.UnroutableTaskException.class)
			.withMessageContaining("rejected by the broker");
	}

	@Test
	void noConfirmInTimeClosesTheChannel() {
		this.broker.answer();
		assertThatExceptionOfType(TaskPublishException.class).isThrownBy(this::publish)
			.withMessageContaining("was not confirmed by the broker within");
		assertThat(this.broker.closedForTimeout).isTrue();
	}

	private void publish() {
		MessageProperties properties = new MessageProperties();
		properties.setCorrelationId("task-1");
		this.publisher.publish("task-1", "missing",
				new Message("[[], {}, {}]".getBytes(StandardCharsets.UTF_8), properties));
	}

	enum Frame {

		RETURN, ACK, NACK

	}

	/**
	 * A channel in confirm mode whose broker answers each publish with the given frames, in order. A frame is
	 * processed (listeners called, waiters woken) only when the client waits for the confirm (up to the confirm)
	 * or makes a synchronous call (all frames sent so far, since the reply comes after them).
	 */
	static final class Broker {

		private final List<ReturnListener> returnListeners = new ArrayList<>();

		private final Deque<Frame> inFlight = new ArrayDeque<>();

		private final Channel channel;

		private List<Frame> answer = List.of();

		private AMQP.BasicProperties published = new AMQP.BasicProperties();

		private boolean publishing;

		int roundTripsAfterPublish;

		boolean closedForTimeout;

		Broker() {
			Answer<Object> synchronous = (invocation) -> {
				if (!invocation.getMethod().getName().equals("close")) {
					roundTrip();
				}
				return RETURNS_DEFAULTS.answer(invocation);
			};
			this.channel = mock(Channel.class, withSettings().defaultAnswer(synchronous));
			try {
				willAnswer((invocation) -> this.returnListeners.add(invocation.getArgument(0))).given(this.channel)
					.addReturnListener(any(ReturnListener.class));
				willAnswer((invocation) -> this.returnListeners.remove(invocation.<ReturnListener>getArgument(0)))
					.given(this.channel)
					.removeReturnListener(any(ReturnListener.class));
				willAnswer((invocation) -> {
					this.published = invocation.getArgument(3);
					this.inFlight.addAll(this.answer);
					this.publishing = true;
					return null;
				}).given(this.channel)
					.basicPublish(anyString(), anyString(), anyBoolean(), any(AMQP.BasicProperties.class), any());
				willAnswer((invocation) -> awaitConfirm()).given(this.channel).waitForConfirms(anyLong());
				willAnswer((invocation) -> {
					// As the client does: on a nack or a timeout the channel closes, dropping frames still to come.
					try {
						if (!awaitConfirm()) {
							this.inFlight.clear();
							throw new IOException("nacks received");
						}
						return null;
					}
					catch (TimeoutException ex) {
						closeForTimeout();
						throw ex;
					}
				}).given(this.channel).waitForConfirmsOrDie(anyLong());
				willAnswer((invocation) -> closeForTimeout()).given(this.channel)
					.abort(eq(AMQP.PRECONDITION_FAILED), anyString());
			}
			catch (IOException | InterruptedException | TimeoutException ex) {
				throw new IllegalStateException(ex);
			}
		}

		void answer(Frame... frames) {
			this.answer = List.of(frames);
		}

		ConnectionFactory connectionFactory() {
			ConnectionFactory connectionFactory = mock(ConnectionFactory.class);
			Connection connection = mock(Connection.class);
			willAnswer((invocation) -> true).given(connectionFactory).isSimplePublisherConfirms();
			willAnswer((invocation) -> connection).given(connectionFactory).createConnection();
			willAnswer((invocation) -> this.channel).given(connection).createChannel(false);
			return connectionFactory;
		}

		private @Nullable Object closeForTimeout() {
			this.closedForTimeout = true;
			this.inFlight.clear();
			return null;
		}

		private boolean awaitConfirm() throws IOException, TimeoutException {
			while (!this.inFlight.isEmpty()) {
				Frame frame = this.inFlight.poll();
				if (frame == Frame.RETURN) {
					deliverReturn();
				}
				else {
					return frame == Frame.ACK;
				}
			}
			throw new TimeoutException();
		}

		private void roundTrip() throws IOException {
			if (this.publishing) {
				this.roundTripsAfterPublish++;
			}
			while (!this.inFlight.isEmpty()) {
				if (this.inFlight.poll() == Frame.RETURN) {
					deliverReturn();
				}
			}
		}

		private void deliverReturn() throws IOException {
			for (ReturnListener listener : List.copyOf(this.returnListeners)) {
				listener.handleReturn(312, "NO_ROUTE", "", "missing", this.published, new byte[0]);
			}
		}

	}

}
