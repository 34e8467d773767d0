# Build: docker build -t dga-budget-bot .
# Run:   docker run -p 8080:8080 -e SPRING_DATA_REDIS_URL=redis://redis:6379 \
#          -e LINE_BOT_CHANNEL_SECRET=... -e LINE_BOT_CHANNEL_TOKEN=... dga-budget-bot
# All three are required: the image never falls back to local mode (simulator, embedded Redis)
# and refuses to start, saying what to set, when one is missing.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY intents intents
COPY config config
# The tests need ../shared (LINE's specs) and run in CI; the image build only packages.
RUN mvn -B -q package -DskipTests && cp target/budget-bot-*.jar /build/app.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system bot && useradd --system --gid bot --home-dir /app bot \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /build/app.jar app.jar
COPY intents intents
COPY config config
RUN chown -R bot:bot /app
USER bot
EXPOSE 8080
ENV SERVER_PORT=8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD curl -fsS http://127.0.0.1:${SERVER_PORT}/actuator/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
