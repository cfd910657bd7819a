package dev.vigil.schema.cameras;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hostile forms of credentials in camera URLs: none may survive masking. */
class CredentialMaskTest {

    @Test
    void userInfoIsMaskedToTheLastAtSignWhateverThePasswordHolds() {
        assertThat(CredentialMask.maskUrl("rtsp://admin:s3cret@10.0.0.5:554/stream")).isEqualTo("rtsp://***@10.0.0.5:554/stream");
        assertThat(CredentialMask.maskUrl("rtsp://admin:p@ss@w0rd@10.0.0.5/stream")).isEqualTo("rtsp://***@10.0.0.5/stream");
        assertThat(CredentialMask.maskUrl("rtsp://admin:pa:ss:wd@cam:554/live")).isEqualTo("rtsp://***@cam:554/live");
        assertThat(CredentialMask.maskUrl("rtsp://admin:p%40ss%3Aw@cam/live")).isEqualTo("rtsp://***@cam/live");
        assertThat(CredentialMask.maskUrl("rtsp://admin:p@ss@cam:554")).isEqualTo("rtsp://***@cam:554");
        assertThat(CredentialMask.maskUrl("rtsp://admin:pa/ss@cam/live")).isEqualTo("rtsp://***@cam/live");
        assertThat(CredentialMask.maskUrl("rtsp://admin:pa?ss@cam/live")).doesNotContain("pa?ss").startsWith("rtsp://***@");
        assertThat(CredentialMask.maskUrl("RTSPS://onlyuser@cam/live")).isEqualTo("RTSPS://***@cam/live");
        assertThat(CredentialMask.maskUrl("rtsp://cam/live")).isEqualTo("rtsp://cam/live");
        assertThat(CredentialMask.maskUrl("/videos/a.mp4")).isEqualTo("/videos/a.mp4");
    }

    @Test
    void secretQueryValuesAreMaskedByName() {
        String url = "https://cam.example/stream?token=t1&password=p2&pass=p3&key=k4&secret=s5&auth=a6&signature=g7"
                + "&sig=g8&apikey=k9&access_token=t10&X-Amz-Signature=g11&api_key=k12&pwd=p13&session=s14&fps=5";
        String masked = CredentialMask.maskUrl(url);
        for (String secret : List.of("t1", "p2", "p3", "k4", "s5", "a6", "g7", "g8", "k9", "t10", "g11", "k12", "p13", "s14")) {
            assertThat(masked).as(secret).doesNotContain("=" + secret);
        }
        assertThat(masked).contains("token=***").contains("&X-Amz-Signature=***").contains("&fps=5").startsWith("https://cam.example/stream?");
        assertThat(CredentialMask.maskUrl("rtsp://u:p@cam/s?Token=abc#auth=xyz")).isEqualTo("rtsp://***@cam/s?Token=***#auth=***");
        assertThat(CredentialMask.maskUrl("http://cam/s;jsessionid=abc")).isEqualTo("http://cam/s;jsessionid=***");
    }

    @Test
    void everyUrlInAFreeTextIsMasked() {
        String log = "could not open rtsp://admin:p@ss@10.0.0.5/stream?token=abc (then tried http://u:v@backup/x?key=zz): refused";
        String masked = CredentialMask.mask(log);
        assertThat(masked).doesNotContain("p@ss").doesNotContain("ss@10").doesNotContain("abc").doesNotContain("u:v")
                .doesNotContain("zz").contains("rtsp://***@10.0.0.5/stream?token=***").contains("http://***@backup/x?key=***")
                .endsWith(" refused"); // a value runs to the next space: over-masking, never under
        assertThat(CredentialMask.mask("mail bob@example.com about it")).isEqualTo("mail bob@example.com about it");
        assertThat(CredentialMask.mask(null)).isNull();
    }

    @Test
    void passwordsAreFoundRawAndDecoded() {
        assertThat(CredentialMask.passwords("rtsp://admin:p%40ss@cam/x")).containsExactly("p%40ss", "p@ss");
        assertThat(CredentialMask.passwords("rtsp://admin:plain@cam/x")).containsExactly("plain");
        assertThat(CredentialMask.passwords("rtsp://admin@cam/x")).isEmpty();
        assertThat(CredentialMask.passwords("rtsp://cam/x")).isEmpty();
    }
}
