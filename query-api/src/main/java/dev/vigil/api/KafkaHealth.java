package dev.vigil.api;

import org.apache.kafka.clients.admin.Admin;

import java.util.concurrent.TimeUnit;

/** Kafka answers a cluster description within 3 s. */
public final class KafkaHealth implements HealthCheck {
    private final Admin admin;

    public KafkaHealth(Admin admin) {
        this.admin = admin;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String problem() {
        try {
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return "Kafka did not answer within 3 s: " + (e.getCause() == null ? e : e.getCause()).getMessage();
        }
    }
}
