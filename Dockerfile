# One image for every vigil role; the role is the command (ingest, topologies, worker, api).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl cli -am package

FROM eclipse-temurin:17-jre
WORKDIR /opt/vigil
COPY --from=build /src/cli/target/vigil-cli.jar ./vigil-cli.jar
COPY --from=build /src/cli/target/lib ./lib
COPY --from=build /src/models/bundles ./models/bundles
# The Vector API module: the CPU encoder's Mamba scan and GELU use it (without it, slower tensor forms run).
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "-jar", "/opt/vigil/vigil-cli.jar"]
CMD ["--help"]
