package io.taskq.control;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.taskq.store.redis.RedisRevocationStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

/**
 * Remote control against a broker that refuses the control queue's declaration by closing the connection (as
 * seen with another AMQP 0-9-1 broker): the next connection tells the connection listeners again, which must
 * not declare again from inside the listener.
 */
@ExtendWith(OutputCaptureExtension.class)
class CeleryRemoteControlTests {

	private static final Duration FIRST_RETRY = Duration.ofMillis(50);

	private final RefusingBroker broker = new RefusingBroker();

	private final CeleryRemoteControl remoteControl = new CeleryRemoteControl(this.broker.connectionFactory,
			this.broker.admin, "worker@test", mock(RedisRevocationStore.class), Executors.defaultThreadFactory(),
			FIRST_RETRY);

	@AfterEach
	void stop() {
		this.remoteControl.stop();
		this.remoteControl.destroy();
	}

	@Test
	void aRefusedDeclarationIsRetriedWithBackOffNeverFromTheListenerAndThenGivenUp(CapturedOutput output) {
		assertThatNoException().isThrownBy(this.remoteControl::start);
		// The worker's own containers open a new connection, as after a connection loss.
		this.broker.reconnect();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.broker.attempts.size() >= 5);
		assertThat(this.broker.deepest.get()).as("declarations in progress at once").isEqualTo(1);
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.remoteControl.isRunning());
		assertThat(this.broker.attempts).hasSize(5);
		for (int retry = 1; retry < 5; retry++) {
			long gap = this.broker.attempts.get(retry) - this.broker.attempts.get(retry - 1);
			assertThat(Duration.ofNanos(gap)).as("wait before retry %d", retry)
				.isGreaterThanOrEqualTo(FIRST_RETRY.multipliedBy(1L << (retry - 1)));
		}
		assertThat(output.toString().split("refused the remote-control queue", -1)).hasSize(5 + 1);
		assertThat(output.toString().split("giving up Celery remote control", -1)).hasSize(1 + 1);
		assertThat(this.broker.listeners).isEmpty();
	}

	/**
	 * A broker that closes the connection whenever the control queue, its exchange or its binding is declared;
	 * the connection factory opens a new one at once and tells its listeners, still inside the declaration.
	 */
	static final class RefusingBroker {

		final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();

		final List<Long> attempts = new CopyOnWriteArrayList<>();

		final AtomicInteger deepest = new AtomicInteger();

		private final AtomicInteger depth = new AtomicInteger();

		private volatile boolean open;

		final ConnectionFactory connectionFactory = mock(ConnectionFactory.class);

		final AmqpAdmin admin = mock(AmqpAdmin.class);

		private final Connection connection = mock(Connection.class);

		RefusingBroker() {
			willAnswer((invocation) -> this.listeners.add(invocation.getArgument(0))).given(this.connectionFactory)
				.addConnectionListener(any());
			willAnswer((invocation) -> this.listeners.remove(invocation.<ConnectionListener>getArgument(0)))
				.given(this.connectionFactory)
				.removeConnectionListener(any());
			willAnswer((invocation) -> connect()).given(this.connectionFactory).createConnection();
			willAnswer((invocation) -> {
				throw new AmqpConnectException(new IllegalStateException("this fake broker has no channels"));
			}).given(this.connection).createChannel(false);
			willAnswer((invocation) -> refuse()).given(this.admin).declareExchange(any(Exchange.class));
			willAnswer((invocation) -> refuse()).given(this.admin).declareQueue(any(Queue.class));
			willAnswer((invocation) -> refuse()).given(this.admin).declareBinding(any(Binding.class));
		}

		/**
		 * The connection closes and a new one opens, whose listeners are told.
		 */
		void reconnect() {
			this.open = false;
			connect();
		}

		private Connection connect() {
			if (!this.open) {
				this.open = true;
				this.listeners.forEach((listener) -> listener.onCreate(this.connection));
			}
			return this.connection;
		}

		private Object refuse() {
			int nested = this.depth.incrementAndGet();
			try {
				this.deepest.accumulateAndGet(nested, Math::max);
				if (nested > 20) {
					throw new AssertionError("Declaring from inside the declaration, " + nested + " deep");
				}
				this.attempts.add(System.nanoTime());
				reconnect();
				AMQP.Connection.Close close = new AMQP.Connection.Close.Builder().replyCode(540)
					.replyText("NOT_IMPLEMENTED - queue arguments not supported")
					.build();
				throw new AmqpIOException(new IOException(new ShutdownSignalException(true, false, close, null)));
			}
			finally {
				this.depth.decrementAndGet();
			}
		}

	}

}
