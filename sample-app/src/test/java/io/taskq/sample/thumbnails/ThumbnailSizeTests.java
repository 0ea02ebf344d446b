package io.taskq.sample.thumbnails;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ThumbnailSize}.
 */
class ThumbnailSizeTests {

	@Test
	void landscapeFitsItsWidth() {
		assertThat(ThumbnailSize.fit(300, 200, 64)).isEqualTo(new ThumbnailSize(64, 43));
		assertThat(ThumbnailSize.fit(300, 200, 128)).isEqualTo(new ThumbnailSize(128, 85));
	}

	@Test
	void portraitFitsItsHeight() {
		assertThat(ThumbnailSize.fit(200, 300, 64)).isEqualTo(new ThumbnailSize(43, 64));
	}

	@Test
	void squareStaysSquare() {
		assertThat(ThumbnailSize.fit(500, 500, 100)).isEqualTo(new ThumbnailSize(100, 100));
	}

	@Test
	void smallImageIsNotEnlarged() {
		assertThat(ThumbnailSize.fit(40, 30, 128)).isEqualTo(new ThumbnailSize(40, 30));
	}

	@Test
	void thinImageKeepsAtLeastOnePixel() {
		assertThat(ThumbnailSize.fit(1000, 2, 10)).isEqualTo(new ThumbnailSize(10, 1));
	}

	@Test
	void sizeMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> ThumbnailSize.fit(10, 10, 0))
			.withMessage("Thumbnail size must be positive, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> ThumbnailSize.fit(0, 10, 5))
			.withMessage("Image dimensions must be positive, were 0x10");
	}

}
