package io.taskq.sample.thumbnails;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

import org.springframework.beans.factory.annotation.Autowired;

import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.sample.SampleIntegrationTest;
import io.taskq.sample.SampleProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code thumbnails.generate} end to end: real PNG files of the right dimensions.
 */
@SampleIntegrationTest
class ThumbnailTasksIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final TypeReference<List<String>> PATHS = new TypeReference<>() {
	};

	@Autowired
	TaskOperations tasks;

	@Autowired
	SampleProperties properties;

	@Test
	void writesOneThumbnailPerSizeKeepingTheAspectRatio() throws IOException {
		Path image = writeImage("landscape.jpg", "jpg", 300, 200);
		List<String> paths = this.tasks.send("thumbnails.generate", image.toString(), List.of(64, 128))
			.get(TIMEOUT, PATHS);
		assertThat(paths).hasSize(2);
		assertThat(paths.get(0)).endsWith("landscape-64.png");
		assertThat(paths.get(1)).endsWith("landscape-128.png");
		assertDimensions(Path.of(paths.get(0)), 64, 43);
		assertDimensions(Path.of(paths.get(1)), 128, 85);
		assertThat(Path.of(paths.get(0))).startsWith(this.properties.getDataDir().resolve("thumbnails"));
	}

	@Test
	void resolvesRelativePathsAgainstTheDataDirectoryAndKeepsTransparency() throws IOException {
		writeImage("images/portrait.png", "png", 100, 400);
		List<String> paths = this.tasks
			.sendWithKwargs("thumbnails.generate", Map.of("imagePath", "images/portrait.png", "sizes", List.of(50)))
			.get(TIMEOUT, PATHS);
		BufferedImage thumbnail = assertDimensions(Path.of(paths.get(0)), 13, 50);
		assertThat(thumbnail.getColorModel().hasAlpha()).isTrue();
	}

	@Test
	void missingImageFailsWithAClearMessage() {
		TaskHandle handle = this.tasks.send("thumbnails.generate", "no/such/image.png", List.of(64));
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.getRemoteType()).isEqualTo("InvalidImageException");
				assertThat(ex.getRemoteMessage()).startsWith("Image ").endsWith("no/such/image.png does not exist");
			});
	}

	@Test
	void fileThatIsNotAnImageFailsWithAClearMessage() throws IOException {
		Path text = this.properties.getDataDir().resolve("notes.txt");
		Files.writeString(text, "not an image");
		TaskHandle handle = this.tasks.send("thumbnails.generate", text.toString(), List.of(64));
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getRemoteMessage()).isEqualTo("File " + text + " is not an image (no reader for its format)"));
	}

	@Test
	void invalidSizeFails() throws IOException {
		Path image = writeImage("small.png", "png", 10, 10);
		TaskHandle handle = this.tasks.send("thumbnails.generate", image.toString(), List.of(64, 0));
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getRemoteMessage()).isEqualTo("Thumbnail size must be positive, was 0"));
		assertThat(this.properties.getDataDir().resolve("thumbnails/small-64.png")).doesNotExist();
	}

	private Path writeImage(String name, String format, int width, int height) throws IOException {
		Path file = this.properties.getDataDir().resolve(name);
		Files.createDirectories(file.getParent());
		boolean alpha = format.equals("png");
		BufferedImage image = new BufferedImage(width, height,
				alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.ORANGE);
		graphics.fillRect(0, 0, width / 2, height);
		graphics.dispose();
		assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
		return file;
	}

	private static BufferedImage assertDimensions(Path file, int width, int height) throws IOException {
		assertThat(file).isRegularFile();
		BufferedImage image = ImageIO.read(file.toFile());
		assertThat(image).as("PNG image at %s", file).isNotNull();
		assertThat(image.getWidth()).isEqualTo(width);
		assertThat(image.getHeight()).isEqualTo(height);
		return image;
	}

}
