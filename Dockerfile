# Build: docker build -t stackdriver-pushgateway .
# Run:   docker run -p 9091:9091 stackdriver-pushgateway [--web.listen-address=:9091 ...]
# routes/ and config/ can be mounted over /app/routes and /app/config to change them without a rebuild.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src ./src
# config/application.properties is packaged too: it holds every setting's default
COPY config ./config
RUN mvn -B -ntp -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/stackdriver-pushgateway.jar /app/stackdriver-pushgateway.jar
COPY routes /app/routes
COPY config /app/config
COPY bin /app/bin
ENV GATEWAY_JAR=/app/stackdriver-pushgateway.jar
# A class-data-sharing archive of the classes a start and a push of each format load (curl and gzip come
# with the base image): bin/stackdriver-pushgateway maps it at every start, which halves the time to /-/ready.
RUN bin/train-class-archive --gateway.emulator.port=0 --gateway.emulator.rest-port=0
# the Pushgateway's port; the embedded Cloud Monitoring emulator's gRPC port
EXPOSE 9091 9092
USER 65534
ENTRYPOINT ["/app/bin/stackdriver-pushgateway"]
