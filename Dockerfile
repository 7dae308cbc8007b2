# Build: docker build -t stackdriver-pushgateway .
# Run:   docker run -p 9091:9091 stackdriver-pushgateway [--web.listen-address=:9091 ...]
# routes/ and config/ can be mounted over /app/routes and /app/config to change them without a rebuild.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src ./src
RUN mvn -B -ntp -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/stackdriver-pushgateway.jar /app/stackdriver-pushgateway.jar
COPY routes /app/routes
COPY config /app/config
COPY bin /app/bin
# A class-data-sharing archive of the classes a start loads (written when the training run is stopped):
# bin/stackdriver-pushgateway maps it at every start, which halves the time to /-/ready.
RUN timeout -s TERM 30 java -XX:ArchiveClassesAtExit=/app/stackdriver-pushgateway.jsa \
        -jar /app/stackdriver-pushgateway.jar --web.listen-address=127.0.0.1:9091 || true; \
    test -s /app/stackdriver-pushgateway.jsa
# the Pushgateway's port; the embedded Cloud Monitoring emulator's gRPC port
EXPOSE 9091 9092
USER 65534
ENV GATEWAY_JAR=/app/stackdriver-pushgateway.jar
ENTRYPOINT ["/app/bin/stackdriver-pushgateway"]
