enum GenerationModule {}
