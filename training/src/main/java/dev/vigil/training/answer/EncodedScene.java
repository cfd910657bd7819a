package dev.vigil.training.answer;

import java.util.List;

/**
 * One synthcam scene encoded as the pipeline encodes a camera, with its ground truth.
 *
 * @param seed        the scene's synthcam seed
 * @param url         the scene's synthcam URL
 * @param camera      the camera id its clips were encoded under
 * @param startMillis epoch millis of its first frame
 * @param endMillis   epoch millis just after its last frame
 * @param clips       its clips in time order
 * @param visits      every object's time on screen
 */
public record EncodedScene(long seed, String url, String camera, long startMillis, long endMillis,
                           List<SceneClip> clips, List<SceneVisit> visits) {

    public EncodedScene {
        clips = List.copyOf(clips);
        visits = List.copyOf(visits);
    }
}
